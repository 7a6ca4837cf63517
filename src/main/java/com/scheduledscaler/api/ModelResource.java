package com.scheduledscaler.api;

import com.scheduledscaler.inferless.ModelLogs;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Models: applied and desired settings, overrides, runtime logs. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class ModelResource {

    private final ModelService models;
    private final SecurityIdentity identity;
    private final Clock clock;

    ModelResource(ModelService models, SecurityIdentity identity, Clock clock) {
        this.models = models;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "Every model: applied, desired now, active policies, next transition, last outcome")
    public List<ModelView> all() {
        return models.all();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One model")
    @APIResponse(responseCode = "404", description = "No policy names the model")
    public ModelView one(@PathParam("id") String id) {
        return models.one(id).orElseThrow(() -> ApiProblem.notFound("no model '" + id + "'"));
    }

    @PUT
    @Path("/{id}/override")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pin settings on a model above every policy until an instant")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "launch", value = """
            {"settings": {"min_replica": 6, "max_replica": 10}, "until": "2026-12-10T13:00:00Z", "reason": "launch"}""")))
    @APIResponse(responseCode = "400", description = "Empty or negative settings, min above max, until in the past")
    public ModelView override(@PathParam("id") String id, @Valid @NotNull OverrideRequest request) {
        return models.override(id, request, identity.getPrincipal().getName());
    }

    @DELETE
    @Path("/{id}/override")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Remove a model's override")
    public void removeOverride(@PathParam("id") String id) {
        models.removeOverride(id, identity.getPrincipal().getName());
    }

    @GET
    @Path("/{id}/logs")
    @Operation(summary = "Runtime logs from the Inferless logs API (default: the last hour), pages followed")
    @APIResponse(responseCode = "502", description = "The Inferless logs API failed")
    public ModelLogs logs(@PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("less") boolean less) {
        Instant end = ApiParameters.instant("to", to, clock.instant());
        Instant start = ApiParameters.instant("from", from, end.minus(Duration.ofHours(1)));
        return models.logs(id, start, end, less);
    }
}
