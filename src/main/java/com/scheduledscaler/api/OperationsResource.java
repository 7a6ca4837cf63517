package com.scheduledscaler.api;

import com.scheduledscaler.audit.Trigger;
import com.scheduledscaler.catalog.ControlStore;
import com.scheduledscaler.catalog.PolicyCatalog;
import com.scheduledscaler.reconcile.OperatorActions;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The timeline of planned transitions, the freeze switch and a manual reconcile. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class OperationsResource {

    /** A freeze: who, since when, why. */
    public record FreezeRequest(String reason) {}

    private final PolicyCatalog catalog;
    private final ControlStore controls;
    private final OperatorActions actions;
    private final SecurityIdentity identity;
    private final Clock clock;

    OperationsResource(PolicyCatalog catalog, ControlStore controls, OperatorActions actions, SecurityIdentity identity,
            Clock clock) {
        this.catalog = catalog;
        this.controls = controls;
        this.actions = actions;
        this.identity = identity;
        this.clock = clock;
    }

    @GET
    @Path("/timeline")
    @Operation(summary = "Planned transitions in [from, to) (default: the next 7 days), optionally of one model")
    public List<TimelineEntry> timeline(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("model") String model) {
        Instant start = ApiParameters.instant("from", from, clock.instant());
        Instant end = ApiParameters.instant("to", to, start.plus(Duration.ofDays(7)));
        ApiParameters.range(start, end, Duration.ofDays(31));
        var policies = catalog.current().policySet();
        var transitions = model == null || model.isBlank() ? policies.timeline(start, end) : policies.timeline(model, start, end);
        return transitions.stream().map(TimelineEntry::of).toList();
    }

    @GET
    @Path("/freeze")
    @Operation(summary = "Whether changes are frozen, by whom and why")
    public Map<String, Object> freezeStatus() {
        return controls.freeze().<Map<String, Object>>map(f -> Map.of("frozen", true, "since", f.since(), "actor", f.actor(),
                "reason", f.reason())).orElse(Map.of("frozen", false));
    }

    @POST
    @Path("/freeze")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop all changes (incident switch); each skipped change is audited")
    public void freeze(FreezeRequest request) {
        actions.freeze(identity.getPrincipal().getName(), request == null ? "" : request.reason());
    }

    @DELETE
    @Path("/freeze")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Lift the freeze and apply what is due")
    public void unfreeze() {
        actions.unfreeze(identity.getPrincipal().getName());
    }

    @POST
    @Path("/reconcile")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Re-read policies and reconcile every model now")
    public Map<String, Integer> reconcile() {
        String actor = identity.getPrincipal().getName();
        controls.record(actor, "reconcile", "", "");
        return Map.of("dispatched", actions.reconcile(Trigger.MANUAL, actor));
    }
}
