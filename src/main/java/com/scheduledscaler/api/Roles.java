package com.scheduledscaler.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The admin API's roles: an admin is also an operator, an operator also an auditor. */
public final class Roles {

    public static final String AUDITOR = "auditor";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    static final List<String> ALL = List.of(AUDITOR, OPERATOR, ADMIN);

    private Roles() {}

    /** The given roles with every role they include. */
    static Set<String> expand(List<String> roles) {
        Set<String> all = new LinkedHashSet<>();
        for (String role : roles) {
            switch (role) {
                case ADMIN -> all.addAll(List.of(ADMIN, OPERATOR, AUDITOR));
                case OPERATOR -> all.addAll(List.of(OPERATOR, AUDITOR));
                case AUDITOR -> all.add(AUDITOR);
                default -> throw new IllegalArgumentException("unknown role '" + role + "': use one of " + ALL);
            }
        }
        return all;
    }
}
