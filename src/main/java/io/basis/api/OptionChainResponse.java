package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code GET /api/v1/options/{currency}/chain}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "The option chain of one currency: the newest quote and greeks of every tracked option")
public record OptionChainResponse(
        @JsonProperty("venue") @Schema(example = "deribit") String venue,
        @JsonProperty("currency") @Schema(example = "BTC") String currency,
        @JsonProperty("as_of") @Schema(description = "The instant the quotes are as of (at, or now)") String asOf,
        @JsonProperty("listed") @Schema(description = "Unexpired listed options matching the filters, quoted or not")
        int listed,
        @JsonProperty("count") @Schema(description = "Options returned: those with a quote in the 24 h before as_of")
        int count,
        @JsonProperty("expiries") List<Expiry> expiries) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Expiry(
            @JsonProperty("expiry") @Schema(description = "Expiry instant, ISO-8601 UTC") String expiry,
            @JsonProperty("expiry_code") @Schema(example = "25DEC26") String expiryCode,
            @JsonProperty("years_to_expiry") @Schema(description = "ACT/365 from as_of") double yearsToExpiry,
            @JsonProperty("underlying_price") @Schema(nullable = true,
                    description = "The newest quote's underlying (the expiry's future or index)") String underlyingPrice,
            @JsonProperty("underlying_index") @Schema(nullable = true, example = "BTC-25DEC26") String underlyingIndex,
            @JsonProperty("premium_currency") @Schema(nullable = true, description = "Unit of the prices: the "
                    + "settlement currency (BTC for Deribit inverse options)", example = "BTC") String premiumCurrency,
            @JsonProperty("count") int count,
            @JsonProperty("options") List<Option> options) {
    }

    /** One option: decimals as strings exactly as stored; IVs in percent; greeks as the venue states them. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Option(
            @JsonProperty("symbol") @Schema(example = "BTC-25DEC26-100000-C") String symbol,
            @JsonProperty("strike") @Schema(example = "100000") String strike,
            @JsonProperty("type") @Schema(allowableValues = {"call", "put"}) String type,
            @JsonProperty("bid_price") @Schema(nullable = true) String bidPrice,
            @JsonProperty("bid_amount") @Schema(nullable = true) String bidAmount,
            @JsonProperty("ask_price") @Schema(nullable = true) String askPrice,
            @JsonProperty("ask_amount") @Schema(nullable = true) String askAmount,
            @JsonProperty("mark_price") String markPrice,
            @JsonProperty("mark_price_usd") @Schema(nullable = true, description = "mark_price × underlying_price "
                    + "when the premium is in the base coin, else mark_price") String markPriceUsd,
            @JsonProperty("bid_iv") @Schema(nullable = true) String bidIv,
            @JsonProperty("ask_iv") @Schema(nullable = true) String askIv,
            @JsonProperty("mark_iv") @Schema(nullable = true) String markIv,
            @JsonProperty("delta") @Schema(nullable = true) String delta,
            @JsonProperty("gamma") @Schema(nullable = true) String gamma,
            @JsonProperty("vega") @Schema(nullable = true) String vega,
            @JsonProperty("theta") @Schema(nullable = true) String theta,
            @JsonProperty("rho") @Schema(nullable = true) String rho,
            @JsonProperty("open_interest") @Schema(nullable = true, description = "Contracts") String openInterest,
            @JsonProperty("underlying_price") @Schema(nullable = true) String underlyingPrice,
            @JsonProperty("underlying_index") @Schema(nullable = true) String underlyingIndex,
            @JsonProperty("quote_time") @Schema(description = "Venue time of the quote") String quoteTime,
            @JsonProperty("age_seconds") @Schema(description = "as_of - quote_time, seconds") double ageSeconds) {
    }
}
