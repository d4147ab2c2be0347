package io.basis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** Body of {@code GET /api/v1/volatility-index/{currency}}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "Volatility-index (DVOL) values of one currency in a time window")
public record VolatilityIndexResponse(
        @JsonProperty("venue") @Schema(example = "deribit") String venue,
        @JsonProperty("currency") @Schema(example = "BTC") String currency,
        @JsonProperty("index") @Schema(description = "The venue's index name", example = "btc_usd") String index,
        @JsonProperty("from") @Schema(description = "Inclusive start of the window, ISO-8601 UTC") String from,
        @JsonProperty("to") @Schema(description = "Exclusive end of the window, ISO-8601 UTC") String to,
        @JsonProperty("interval") @Schema(nullable = true, example = "5m",
                description = "Bucket length; null: every stored value") String interval,
        @JsonProperty("count") @Schema(description = "Number of points") int count,
        @JsonProperty("truncated") @Schema(description = "True when the window holds more values than limit; "
                + "only without interval. Continue from the last point's time.") boolean truncated,
        @JsonProperty("points") List<Point> points) {

    /** A stored value (time, value) or, with an interval, one bucket (time = its start, OHLC, samples). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(description = "Index level in percent points, decimals as strings exactly as stored")
    public record Point(
            @JsonProperty("time") @Schema(description = "Venue time, or the bucket start") String time,
            @JsonProperty("value") @Schema(description = "Without interval: the value") String value,
            @JsonProperty("open") @Schema(description = "With interval: first value") String open,
            @JsonProperty("high") @Schema(description = "With interval: highest value") String high,
            @JsonProperty("low") @Schema(description = "With interval: lowest value") String low,
            @JsonProperty("close") @Schema(description = "With interval: last value") String close,
            @JsonProperty("samples") @Schema(description = "With interval: values in the bucket") Long samples) {
    }
}
