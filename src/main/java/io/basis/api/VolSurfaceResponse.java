package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * Body of {@code GET /api/v1/options/{currency}/surface}. Strikes and forwards are strings exactly as stored; IVs
 * (percent points), deltas and the derived metrics are JSON numbers, rounded to 4 decimals (deltas 6).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Implied-volatility surface of one currency: per expiry, IV by strike and by delta bucket")
public record VolSurfaceResponse(
        @JsonProperty("venue") @Schema(example = "deribit") String venue,
        @JsonProperty("currency") @Schema(example = "BTC") String currency,
        @JsonProperty("source") @Schema(allowableValues = {"live", "hourly"}) String source,
        @JsonProperty("as_of") @Schema(description = "The instant the quotes are as of") String asOf,
        @JsonProperty("listed") @Schema(description = "Unexpired listed options matching the filters") int listed,
        @JsonProperty("quoted") @Schema(description = "Options with a quote in the 24 h before as_of") int quoted,
        @JsonProperty("expiries") List<Expiry> expiries) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Expiry(
            @JsonProperty("expiry") String expiry,
            @JsonProperty("expiry_code") @Schema(example = "25DEC26") String expiryCode,
            @JsonProperty("years_to_expiry") @Schema(description = "ACT/365 from as_of") double yearsToExpiry,
            @JsonProperty("forward") @Schema(nullable = true, description = "The newest quote's underlying price")
            String forward,
            @JsonProperty("atm_strike") @Schema(nullable = true, description = "Quoted strike nearest the forward")
            String atmStrike,
            @JsonProperty("atm_iv") @Schema(nullable = true, description = "Smile IV interpolated at the forward")
            Double atmIv,
            @JsonProperty("risk_reversal_25") @Schema(nullable = true, description = "IV(25C) - IV(25P)")
            Double riskReversal25,
            @JsonProperty("butterfly_25") @Schema(nullable = true, description = "(IV(25C) + IV(25P)) / 2 - IV(50)")
            Double butterfly25,
            @JsonProperty("risk_reversal_10") @Schema(nullable = true) Double riskReversal10,
            @JsonProperty("butterfly_10") @Schema(nullable = true) Double butterfly10,
            @JsonProperty("delta_buckets") List<Bucket> deltaBuckets,
            @JsonProperty("strikes") List<Strike> strikes) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Bucket(
            @JsonProperty("bucket") @Schema(allowableValues = {"10P", "25P", "50", "25C", "10C"}) String bucket,
            @JsonProperty("call_delta") @Schema(description = "Call-equivalent delta of the bucket") double callDelta,
            @JsonProperty("iv") @Schema(nullable = true, description = "Interpolated mark IV; null outside the "
                    + "quoted deltas") Double iv) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Strike(
            @JsonProperty("strike") String strike,
            @JsonProperty("log_moneyness") @Schema(nullable = true, description = "ln(strike / forward)")
            Double logMoneyness,
            @JsonProperty("iv") @Schema(nullable = true, description = "Smile IV: the OTM option's mark IV")
            Double iv,
            @JsonProperty("iv_side") @Schema(nullable = true, allowableValues = {"call", "put"}) String ivSide,
            @JsonProperty("call_delta") @Schema(nullable = true, description = "Call-equivalent delta of the point")
            Double callDelta,
            @JsonProperty("call") @Schema(nullable = true) Side call,
            @JsonProperty("put") @Schema(nullable = true) Side put) {
    }

    /** One option of a strike: its IVs (null when the venue has none, or states 0 for an empty side) and delta. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Side(
            @JsonProperty("symbol") String symbol,
            @JsonProperty("mark_iv") @Schema(nullable = true) Double markIv,
            @JsonProperty("bid_iv") @Schema(nullable = true) Double bidIv,
            @JsonProperty("ask_iv") @Schema(nullable = true) Double askIv,
            @JsonProperty("delta") @Schema(nullable = true) Double delta) {
    }
}
