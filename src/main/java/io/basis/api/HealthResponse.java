package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

/** Body of {@code GET /health}; exactly these keys, always all present. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Liveness and data health of the service")
public record HealthResponse(
        @JsonProperty("status") @Schema(allowableValues = {"healthy", "degraded"},
                description = "healthy: score above 70 and newest data under 2 hours old") String status,
        @JsonProperty("service") @Schema(example = "basis") String service,
        @JsonProperty("timestamp") @Schema(description = "Now, ISO-8601 UTC", example = "2025-01-01T00:00:00Z")
        String timestamp,
        @JsonProperty("health_score") @Schema(minimum = "0", maximum = "100") int healthScore,
        @JsonProperty("gap_hours") @Schema(nullable = true,
                description = "Hours since the newest stored event's venue time, one decimal; "
                        + "null when nothing is stored")
        Double gapHours,
        @JsonProperty("data_freshness") @Schema(allowableValues = {"healthy", "stale"}) String dataFreshness,
        @JsonProperty("exchanges_tracked") @Schema(description = "Enabled venues") int exchangesTracked,
        @JsonProperty("ml_indicators") @Schema(description = "Indicator kinds computed") int mlIndicators) {
}
