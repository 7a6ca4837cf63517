package com.scheduledscaler.inferless;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.scheduledscaler.policy.Settings;

/** Body of {@code POST /rest/model/settings/update/}: only the fields that are set are sent. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
record ModelSettingsUpdateRequest(String modelId, Settings data) {}
