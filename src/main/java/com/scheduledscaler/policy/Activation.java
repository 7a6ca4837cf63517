package com.scheduledscaler.policy;

/**
 * One stretch [start, end) (epoch seconds) during which a policy is active with {@code settings};
 * {@code since} is when this activation began (for the equal-priority tie-break).
 */
record Activation(long start, long end, Settings settings, long since) {

    /** 0001-01-01T00:00:00Z: "since forever". */
    static final long FAR_PAST = -62_135_596_800L;
    /** 9999-12-31T23:59:59Z: "until further notice". */
    static final long FAR_FUTURE = 253_402_300_799L;

    boolean contains(long t) {
        return start <= t && t < end;
    }
}
