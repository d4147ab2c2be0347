package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code GET /api/v1/open-interest}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Open interest: the newest per instrument, or one symbol's history")
public record OpenInterestResponse(
        @JsonProperty("mode") @Schema(allowableValues = {"latest", "history"}) String mode,
        @JsonProperty("as_of") @Schema(description = "Server time of the answer, ISO-8601 UTC") String asOf,
        @JsonProperty("count") int count,
        @JsonProperty("truncated") @Schema(description = "history: more rows than limit remain") boolean truncated,
        @JsonProperty("open_interest") List<Value> openInterest) {

    /** Open interest of one instrument at one time; decimals as strings exactly as stored. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Value(
            @JsonProperty("venue") @Schema(example = "deribit") String venue,
            @JsonProperty("symbol") @Schema(description = "Venue symbol", example = "BTC-PERPETUAL") String symbol,
            @JsonProperty("normalized_symbol") @Schema(nullable = true, example = "BTC-USD-PERP")
            String normalizedSymbol,
            @JsonProperty("kind") @Schema(nullable = true, example = "perpetual") String kind,
            @JsonProperty("base") @Schema(nullable = true, example = "BTC") String base,
            @JsonProperty("quote") @Schema(nullable = true, example = "USD") String quote,
            @JsonProperty("contract_type") @Schema(nullable = true, allowableValues = {"linear", "inverse"})
            String contractType,
            @JsonProperty("time") @Schema(description = "Venue time") String time,
            @JsonProperty("amount") @Schema(description = "In the venue's unit: contracts, base units, or USD for "
                    + "Deribit inverse contracts") String amount,
            @JsonProperty("base_amount") @Schema(nullable = true, description = "In the base currency")
            String baseAmount,
            @JsonProperty("notional_usd") @Schema(nullable = true, description = "USD (quote) value")
            String notionalUsd,
            @JsonProperty("age_seconds") @Schema(description = "as_of - time, seconds") double ageSeconds) {
    }
}
