package com.scheduledscaler.api;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Policies from files (read-only here) and from the API. */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class PolicyResource {

    static final String EXAMPLE = """
            {"name": "launch-week", "models": ["llama-chat-prod"], "timezone": "Europe/Berlin", "priority": 200,
             "once": {"from": "2026-12-10T09:00", "to": "2026-12-12T18:00"},
             "settings": {"min_replica": 4, "max_replica": 12}}""";

    private final PolicyService policies;
    private final SecurityIdentity identity;

    PolicyResource(PolicyService policies, SecurityIdentity identity) {
        this.policies = policies;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "All policies, with source, status and errors")
    public List<PolicyView> all() {
        return policies.all();
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One policy")
    @APIResponse(responseCode = "404", description = "No such policy")
    public PolicyView one(@PathParam("name") String name) {
        return policies.one(name).orElseThrow(() -> ApiProblem.notFound("no policy '" + name + "'"));
    }

    @POST
    @Path("/validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a policy without saving it")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "launch", value = EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Valid, with warnings")
    @APIResponse(responseCode = "422", description = "Invalid: each error with field, line and reason")
    public ValidationReport validate(String body) {
        return policies.validate(body);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API policy")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "launch", value = EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The name is taken (by a file policy or an API policy)")
    @APIResponse(responseCode = "422", description = "Invalid policy")
    public Response create(String body) {
        PolicyView created = policies.create(body, actor());
        return Response.created(URI.create("/api/policies/" + created.name())).entity(created).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an API policy")
    @APIResponse(responseCode = "409", description = "A file policy: edit the file instead")
    public PolicyView replace(@PathParam("name") String name, String body) {
        return policies.replace(name, body, actor());
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Delete an API policy")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "A file policy: edit the file instead")
    public void delete(@PathParam("name") String name) {
        policies.delete(name, actor());
    }

    @POST
    @Path("/{name}/pause")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Pause a policy (file or API)")
    public void pause(@PathParam("name") String name) {
        policies.pause(name, actor());
    }

    @POST
    @Path("/{name}/resume")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Resume a paused policy")
    public void resume(@PathParam("name") String name) {
        policies.resume(name, actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
