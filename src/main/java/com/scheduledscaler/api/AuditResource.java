package com.scheduledscaler.api;

import com.scheduledscaler.audit.AuditQuery;
import com.scheduledscaler.audit.AuditQuery.AuditFilter;
import com.scheduledscaler.audit.InvalidCursorException;
import com.scheduledscaler.audit.Outcome;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The audit, newest first: JSON pages with a cursor, or the whole query streamed as CSV. */
@Path("/api/audit")
@RolesAllowed(Roles.AUDITOR)
public class AuditResource {

    static final String CSV = "text/csv";

    private final AuditQuery audit;

    AuditResource(AuditQuery audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Audit rows, newest first; pass next_cursor back as cursor for the next page")
    @APIResponse(responseCode = "400", description = "Unparseable instant, from after to, limit out of 1..1000, "
            + "unknown outcome or a cursor this daemon did not hand out")
    public AuditPageView page(@QueryParam("model") String model, @QueryParam("policy") String policy,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = limit(limit);
        try {
            var page = audit.page(filter(model, policy, outcome, from, to), Optional.ofNullable(cursor).filter(c -> !c.isBlank()),
                    size);
            return new AuditPageView(page.rows(), page.nextCursor().orElse(null));
        } catch (InvalidCursorException e) {
            throw ApiProblem.badParameter("cursor", e.getMessage());
        }
    }

    @GET
    @Produces(CSV + ";qs=0.5") // JSON unless the client asks for CSV
    @Operation(summary = "The same query as CSV, streamed (no limit, no cursor)")
    public Response csv(@QueryParam("model") String model, @QueryParam("policy") String policy,
            @QueryParam("outcome") String outcome, @QueryParam("from") String from, @QueryParam("to") String to) {
        AuditFilter filter = filter(model, policy, outcome, from, to);
        StreamingOutput body = output -> {
            var writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8));
            audit.writeCsv(filter, writer);
            writer.flush();
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"audit.csv\"").build();
    }

    private static AuditFilter filter(String model, String policy, String outcome, String from, String to) {
        Optional<Instant> start = Optional.ofNullable(ApiParameters.instant("from", from, null));
        Optional<Instant> end = Optional.ofNullable(ApiParameters.instant("to", to, null));
        if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
            throw ApiProblem.badParameter("from", "'from' (" + start.get() + ") must be before 'to' (" + end.get() + ")");
        }
        return new AuditFilter(blankToEmpty(model), blankToEmpty(policy), outcome(outcome), start, end);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return 100;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= AuditQuery.MAX_LIMIT) {
                return size;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiProblem.badParameter("limit", "'limit' must be a whole number from 1 to " + AuditQuery.MAX_LIMIT
                + ", not '" + value + "'");
    }

    private static Optional<Outcome> outcome(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Outcome.valueOf(value.strip().toUpperCase()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter("outcome", "'outcome' must be one of " + Arrays.toString(Outcome.values())
                    + ", not '" + value + "'");
        }
    }

    private static Optional<String> blankToEmpty(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
