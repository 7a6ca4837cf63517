package com.scheduledscaler.policy;

/**
 * A validation error or warning, naming its place: file, line (0 when unknown), policy name
 * (may be empty), field path (may be empty) and the reason.
 */
public record Problem(Severity severity, String file, int line, String policy, String field, String reason) {

    public enum Severity { ERROR, WARNING }

    public Problem {
        file = file == null ? "" : file;
        policy = policy == null ? "" : policy;
        field = field == null ? "" : field;
    }

    static Problem error(String file, int line, String policy, String field, String reason) {
        return new Problem(Severity.ERROR, file, line, policy, field, reason);
    }

    static Problem warning(String file, int line, String policy, String field, String reason) {
        return new Problem(Severity.WARNING, file, line, policy, field, reason);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** E.g. {@code policies/a.yaml:12: policy 'business-hours', field 'settings.min_replicas': unknown field}. */
    public String message() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        if (!policy.isEmpty()) {
            out.append("policy '").append(policy).append("'");
        }
        if (!field.isEmpty()) {
            out.append(policy.isEmpty() ? "" : ", ").append("field '").append(field).append("'");
        }
        if (!policy.isEmpty() || !field.isEmpty()) {
            out.append(": ");
        }
        return out.append(reason).toString();
    }

    @Override
    public String toString() {
        return severity + " " + message();
    }
}
