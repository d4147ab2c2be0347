package io.basis.api;

import io.basis.ingest.RestCollectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Control endpoints: they change what the service does, so they require the API key when one is configured. */
@RestController
@Tag(name = "Control", description = "Trigger work now (API key required when configured)")
public class ControlController {
    /** {@code POST /collect} answer, shape from the seed API. */
    public record Started(String status, String message, Instant timestamp) {
    }

    private final RestCollectors collectors;
    private final ApiKeyGuard guard;
    private final Clock clock;

    public ControlController(RestCollectors collectors, ApiKeyGuard guard, Clock clock) {
        this.collectors = collectors;
        this.guard = guard;
        this.clock = clock;
    }

    @PostMapping("/collect")
    @Operation(summary = "Run every REST collection now",
            description = "Starts one immediate run of every periodic REST collection (open interest, ratios, "
                    + "snapshots) and answers at once; progress shows in /status. Needs X-API-Key when "
                    + "basis.api-key is set.")
    @ApiResponse(responseCode = "200", description = "Started",
            content = @Content(schema = @Schema(implementation = Started.class)))
    @ApiResponse(responseCode = "401", description = "API key missing or wrong",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public Started collect(HttpServletRequest request) {
        guard.require(request);
        int started = collectors.triggerAll();
        String message = started == 0 ? "No REST collections are configured; streaming venues collect continuously"
                : "Collection cycle started for " + started + (started == 1 ? " collector" : " collectors");
        return new Started("started", message, clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }
}
