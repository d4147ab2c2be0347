package io.basis.api;

import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.EventQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/events/{type}}: stored events from {@link EventQueries}, either a time range or the newest event
 * per instrument. Every input is validated here, before the database is asked; a refused input answers 4xx
 * problem+json naming it (see {@link ApiExceptionHandler}).
 */
@RestController
@Tag(name = "Events", description = "Stored market-data events")
public class EventsController {
    static final int MAX_LIMIT = 10_000;
    static final List<String> TYPES = Arrays.stream(EventType.values()).map(EventType::id).toList();

    private final EventQueries queries;
    private final EventJson json;

    public EventsController(EventQueries queries, EventJson json) {
        this.queries = queries;
        this.json = json;
    }

    @GetMapping("/api/v1/events/{type}")
    @Operation(summary = "Stored events of one type",
            description = "Without latest: events with from <= venue time < to, oldest first, at most limit. "
                    + "With latest=true: the newest event of each matching instrument (from/to not allowed). "
                    + "Events carry snake_case fields; decimals are strings exactly as stored, instants ISO-8601 UTC.")
    @ApiResponse(responseCode = "200", description = "The events",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventsResponse.class)))
    @ApiResponse(responseCode = "400", description = "Invalid from, to, limit or latest, named in \"parameter\"",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "Unknown event type; \"allowed\" lists the known ones",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "The database is unavailable",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
    public EventsResponse events(
            @PathVariable("type") @Parameter(description = "Event type id, e.g. trade or funding-rate") String type,
            @RequestParam(name = "venue", required = false)
            @Parameter(description = "Venue id, e.g. binance-usdm; a venue without data gives no events")
            String venue,
            @RequestParam(name = "symbol", required = false)
            @Parameter(description = "Venue symbol (BTCUSDT) or normalized symbol (BTC-USDT-PERP)") String symbol,
            @RequestParam(name = "from", required = false)
            @Parameter(description = "Inclusive lower bound of the venue time, ISO-8601 instant",
                    example = "2025-01-01T00:00:00Z") Instant from,
            @RequestParam(name = "to", required = false)
            @Parameter(description = "Exclusive upper bound of the venue time, ISO-8601 instant; not before from",
                    example = "2025-01-02T00:00:00Z") Instant to,
            @RequestParam(name = "limit", defaultValue = "1000")
            @Parameter(description = "Maximum number of events, 1..10000",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "10000", defaultValue = "1000"))
            int limit,
            @RequestParam(name = "latest", defaultValue = "false")
            @Parameter(description = "true: the newest event per instrument instead of a range") boolean latest) {
        EventType eventType = EventType.fromId(type).orElseThrow(() -> new ParameterException(HttpStatus.NOT_FOUND,
                "Unknown event type", "type", "There is no event type '" + type + "'.", TYPES));
        venue = blankToNull(venue);
        symbol = blankToNull(symbol);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ParameterException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT + ".", List.of());
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw ParameterException.invalid("from", "from must not be after to.", List.of());
        }
        if (latest && (from != null || to != null)) {
            throw ParameterException.invalid(from != null ? "from" : "to",
                    "from and to select a range; they cannot be combined with latest=true.", List.of());
        }
        EventQueries.Filter filter = new EventQueries.Filter(venue, symbol, from, to, limit);
        List<MarketEvent> events = latest ? queries.latest(eventType, filter) : queries.range(eventType, filter);
        List<Map<String, Object>> body = events.stream().map(json::toJson).toList();
        return new EventsResponse(eventType.id(), body.size(), body);
    }

    /** An empty {@code venue=} means "any", as if the parameter were absent. */
    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
