package com.scheduledscaler.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A resource added under /api without a role would be open to anyone: this lists them all. */
class EveryEndpointNeedsARoleTest {

    static final List<Class<?>> RESOURCES = List.of(PolicyResource.class, ModelResource.class, OperationsResource.class,
            AuditResource.class, ReportResource.class);

    @Test
    void everyResourceUnderApiRequiresAtLeastTheAuditorRole() {
        for (Class<?> resource : RESOURCES) {
            assertTrue(resource.getAnnotation(Path.class).value().startsWith("/api"), resource.getSimpleName());
            RolesAllowed roles = resource.getAnnotation(RolesAllowed.class);
            assertTrue(roles != null, resource.getSimpleName() + " has no @RolesAllowed");
            assertEquals(List.of(Roles.AUDITOR), List.of(roles.value()), resource.getSimpleName());
        }
    }

    @Test
    void theListAboveHoldsEveryResourceOfThePackage() throws Exception {
        var found = new java.util.ArrayList<String>();
        var folder = java.nio.file.Path.of("src/main/java/com/scheduledscaler/api");
        try (var files = java.nio.file.Files.list(folder)) {
            for (var file : files.toList()) {
                if (java.nio.file.Files.readString(file).contains("@Path(\"/api")) {
                    found.add(file.getFileName().toString().replace(".java", ""));
                }
            }
        }
        assertEquals(RESOURCES.stream().map(Class::getSimpleName).sorted().toList(), found.stream().sorted().toList());
    }
}
