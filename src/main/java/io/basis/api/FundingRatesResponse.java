package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code GET /api/v1/funding-rates}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Funding rates: the newest per perpetual, or one symbol's history")
public record FundingRatesResponse(
        @JsonProperty("mode") @Schema(allowableValues = {"latest", "history"}) String mode,
        @JsonProperty("as_of") @Schema(description = "Server time of the answer, ISO-8601 UTC") String asOf,
        @JsonProperty("count") int count,
        @JsonProperty("truncated") @Schema(description = "history: more rows than limit remain") boolean truncated,
        @JsonProperty("rates") List<Rate> rates) {

    /**
     * One funding period of one instrument. Decimals are strings: stored values exactly as stored, derived ones
     * (rate_8h, rate_annualized) to 16 significant digits.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rate(
            @JsonProperty("venue") @Schema(example = "binance-usdm") String venue,
            @JsonProperty("symbol") @Schema(description = "Venue symbol", example = "BTCUSDT") String symbol,
            @JsonProperty("normalized_symbol") @Schema(nullable = true, example = "BTC-USDT-PERP")
            String normalizedSymbol,
            @JsonProperty("kind") @Schema(nullable = true, example = "perpetual") String kind,
            @JsonProperty("base") @Schema(nullable = true, example = "BTC") String base,
            @JsonProperty("quote") @Schema(nullable = true, example = "USDT") String quote,
            @JsonProperty("funding_time") @Schema(description = "When the period settles (Deribit, which accrues "
                    + "continuously: the hour the observation belongs to)") String fundingTime,
            @JsonProperty("settled") @Schema(description = "Observed at or after funding_time, so final")
            boolean settled,
            @JsonProperty("next_funding_time") @Schema(nullable = true,
                    description = "funding_time while it is still ahead of as_of, else null") String nextFundingTime,
            @JsonProperty("rate") @Schema(description = "Rate of the period as the venue states it (an estimate "
                    + "until settled; Deribit: its trailing 8-hour rate)", example = "0.00010000") String rate,
            @JsonProperty("interval") @Schema(nullable = true, description = "Funding period, ISO-8601",
                    example = "PT8H") String interval,
            @JsonProperty("rate_8h") @Schema(nullable = true,
                    description = "rate × 8h / interval; null without interval") String rate8h,
            @JsonProperty("rate_annualized") @Schema(nullable = true, description = "rate × 365 days / interval "
                    + "(simple, not compounded); null without interval", example = "0.1095") String rateAnnualized,
            @JsonProperty("predicted_rate") @Schema(nullable = true) String predictedRate,
            @JsonProperty("observed_at") @Schema(description = "Venue time of the newest observation")
            String observedAt,
            @JsonProperty("age_seconds") @Schema(description = "as_of - observed_at, seconds") double ageSeconds) {
    }
}
