package io.basis.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/** Body of {@code GET /api/v1/events/{type}}. */
@Schema(description = "Stored events of one type")
public record EventsResponse(
        @JsonProperty("type") @Schema(description = "The event type id", example = "trade") String type,
        @JsonProperty("count") @Schema(description = "Number of events returned") int count,
        @JsonProperty("events") @ArraySchema(schema = @Schema(type = "object",
                description = "One event: snake_case fields, decimals as strings exactly as stored "
                        + "(e.g. \"0.00100\"), instants ISO-8601 UTC")) List<Map<String, Object>> events) {
}
