package com.scheduledscaler.inferless;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The two management calls of {@code inferless-openapi.yml}, paths with their trailing slash. Answers
 * come back as raw {@link Response}s (the default error mapper is off) so that {@link InferlessClient}
 * classifies every status in one place. Built by {@link InferlessClient}; not used elsewhere.
 */
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
interface InferlessApi {

    @POST
    @Path("/rest/model/settings/update/")
    Response updateSettings(ModelSettingsUpdateRequest request);

    @POST
    @Path("/rest/model/logs/get/")
    Response getLogs(ModelLogsGetRequest request);
}
