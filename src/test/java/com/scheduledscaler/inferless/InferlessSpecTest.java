package com.scheduledscaler.inferless;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The request check used by the client tests must be able to fail: these requests break the spec. */
class InferlessSpecTest {

    private static final String PATH = "/rest/model/settings/update/";
    private static final String AUTH = "Bearer k";

    @Test
    void acceptsARequestAsTheSpecDescribesIt() {
        assertFalse(InferlessSpec.validate("POST", PATH, AUTH,
                "{\"model_id\":\"m\",\"data\":{\"min_replica\":2,\"machine_type\":\"T4\"}}").hasErrors());
    }

    @Test
    void rejectsAFieldNameTheApiDoesNotHave() {
        assertTrue(InferlessSpec.validate("POST", PATH, AUTH,
                "{\"model_id\":\"m\",\"data\":{\"min_replicas\":2}}").hasErrors());
    }

    @Test
    void rejectsANullField() {
        assertTrue(InferlessSpec.validate("POST", PATH, AUTH,
                "{\"model_id\":\"m\",\"data\":{\"min_replica\":null}}").hasErrors());
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertTrue(InferlessSpec.validate("POST", PATH, AUTH, "{\"data\":{\"min_replica\":1}}").hasErrors());
    }

    @Test
    void rejectsAPathWithoutItsTrailingSlash() {
        assertTrue(InferlessSpec.validate("POST", "/rest/model/settings/update", AUTH,
                "{\"model_id\":\"m\",\"data\":{}}").hasErrors());
    }

    @Test
    void rejectsARequestWithoutAuthorization() {
        assertTrue(InferlessSpec.validate("POST", PATH, null, "{\"model_id\":\"m\",\"data\":{}}").hasErrors());
    }

    @Test
    void rejectsALogsRequestWithoutItsTimeRange() {
        assertTrue(InferlessSpec.validate("POST", "/rest/model/logs/get/", AUTH, "{\"model_id\":\"m\"}").hasErrors());
    }
}
