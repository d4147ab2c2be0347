package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code GET /api/v1/coverage}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Per tracked symbol: which data types are stored and how complete the last 24 h and 7 d are")
public record CoverageResponse(
        @JsonProperty("timestamp") @Schema(description = "When the coverage was measured, ISO-8601 UTC; an "
                + "answer is reused for a minute and while the next one is measured") String timestamp,
        @JsonProperty("summary") @Schema(description = "Complete symbols of all tracked ones",
                example = "104/127 symbols (81.9%)") String summary,
        @JsonProperty("tracked_symbols") int trackedSymbols,
        @JsonProperty("complete_symbols") @Schema(description = "Symbols whose every measured type has at least "
                + "complete_threshold_percent of its expected intervals in the last 24 h") int completeSymbols,
        @JsonProperty("complete_percent") @Schema(nullable = true, example = "81.9") Double completePercent,
        @JsonProperty("complete_threshold_percent") @Schema(example = "99.0") double completeThresholdPercent,
        @JsonProperty("symbols") List<Symbol> symbols) {

    /** One tracked symbol of one venue. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Symbol(
            @JsonProperty("venue") @Schema(example = "binance-usdm") String venue,
            @JsonProperty("symbol") @Schema(description = "Venue symbol", example = "BTCUSDT") String symbol,
            @JsonProperty("complete") boolean complete,
            @JsonProperty("types") @Schema(description = "Stored data types with data in the last 7 days; empty "
                    + "when nothing of the symbol is stored") List<TypeCoverage> types) {
    }

    /** One data type of one symbol. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TypeCoverage(
            @JsonProperty("type") @Schema(example = "candle") String type,
            @JsonProperty("expected_interval") @Schema(nullable = true, example = "PT1M", description = "ISO-8601 "
                    + "duration of one expected interval; null when the type is not measured (trades, liquidations)")
            String expectedInterval,
            @JsonProperty("newest") @Schema(description = "Venue time of the newest stored event") String newest,
            @JsonProperty("expected_24h") @Schema(nullable = true, example = "1440") Integer expected24h,
            @JsonProperty("present_24h") @Schema(nullable = true, example = "1404") Integer present24h,
            @JsonProperty("percent_24h") @Schema(nullable = true, example = "97.5") Double percent24h,
            @JsonProperty("expected_7d") @Schema(nullable = true, example = "10080") Integer expected7d,
            @JsonProperty("present_7d") @Schema(nullable = true) Integer present7d,
            @JsonProperty("percent_7d") @Schema(nullable = true) Double percent7d) {
    }
}
