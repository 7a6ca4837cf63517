package com.scheduledscaler.api;

import com.scheduledscaler.audit.CapacityReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Reports for finance. */
@Path("/api/reports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AUDITOR)
public class ReportResource {

    private final CapacityReport capacity;
    private final Clock clock;

    ReportResource(CapacityReport capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @GET
    @Path("/capacity")
    @Operation(summary = "Replica-hours of the min_replica floor over [from, to) (default: the last 30 days), "
            + "by model or machine_type, with cost where scaler.pricing.<machine_type> gives an hourly price")
    public CapacityReport.Capacity capacity(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("group") String group) {
        Instant end = ApiParameters.instant("to", to, clock.instant());
        Instant start = ApiParameters.instant("from", from, end.minus(Duration.ofDays(30)));
        ApiParameters.range(start, end, Duration.ofDays(366));
        return capacity.report(start, end, grouping(group));
    }

    private static CapacityReport.Grouping grouping(String group) {
        if (group == null || group.isBlank() || group.equals("model")) {
            return CapacityReport.Grouping.MODEL;
        }
        if (group.equals("machine_type")) {
            return CapacityReport.Grouping.MACHINE_TYPE;
        }
        throw ApiProblem.badParameter("group", "'group' must be 'model' or 'machine_type', not '" + group + "'");
    }
}
