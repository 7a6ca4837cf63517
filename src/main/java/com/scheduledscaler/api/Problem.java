package com.scheduledscaler.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of every error answer (RFC 9457 problem details), with the violations where there are several. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<ApiProblem.Violation> errors) {}
