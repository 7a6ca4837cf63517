package com.scheduledscaler.inferless;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST /rest/model/logs/get/}; times are ISO-8601 UTC, {@code nextToken} only after the first page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ModelLogsGetRequest(String modelId, String timeFrom, String timeTo, Boolean isLessLogs, String nextToken) {}
