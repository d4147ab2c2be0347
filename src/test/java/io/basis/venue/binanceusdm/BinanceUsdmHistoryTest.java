package io.basis.venue.binanceusdm;

import io.basis.ingest.history.HistorySource;
import io.basis.ingest.history.HistoryUnavailableException;
import io.basis.ingest.runtime.RateBudget;
import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinanceUsdmHistoryTest {
    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");
    private static final long MINUTE = 60_000;
    private final List<RestRequest> sent = new ArrayList<>();
    private final List<String> throttled = new ArrayList<>();

    private BinanceUsdmHistory history(BinanceUsdmHistory.Calls calls) {
        return new BinanceUsdmHistory(request -> {
            sent.add(request);
            return calls.call(request);
        }, new RateBudget(2400, Duration.ofMinutes(1)));
    }

    private static RestResponse answer(int status, String body) {
        return new RestResponse(status, HttpHeaders.of(Map.of(), (a, b) -> true),
                body.getBytes(StandardCharsets.UTF_8), T0);
    }

    /** Klines opening on every whole minute in [startTime, endTime], at most limit, as Binance answers. */
    private static RestResponse klines(RestRequest r) {
        long start = Math.ceilDiv(Long.parseLong(r.query().get("startTime")), MINUTE) * MINUTE;
        long end = Long.parseLong(r.query().get("endTime"));
        int limit = Integer.parseInt(r.query().get("limit"));
        List<String> rows = new ArrayList<>();
        for (long t = start; t <= end && rows.size() < limit; t += MINUTE) {
            rows.add("[" + t + ",\"1\",\"2\",\"0.5\",\"1.5\",\"3\"," + (t + 59_999) + ",\"4\",5,\"1\",\"1\",\"0\"]");
        }
        return answer(200, "[" + String.join(",", rows) + "]");
    }

    private final HistorySource.Throttle throttle = (bucket, weight) -> throttled.add(bucket + ":" + weight);

    @Test
    void candlesPageOnFromTheLastRowWithoutRepeatsOrLosses() throws Exception {
        List<MarketEvent> got = new ArrayList<>();
        List<HistorySource.Progress> progress = new ArrayList<>();
        Instant to = T0.plus(Duration.ofMinutes(2500));
        HistorySource.Fetched f = history(BinanceUsdmHistoryTest::klines).fetch(EventType.CANDLE, "BTCUSDT", T0, to,
                throttle, (page, p) -> {
                    got.addAll(page);
                    progress.add(p);
                });
        assertThat(got).hasSize(2500);
        assertThat(got.stream().map(MarketEvent::venueTime).distinct()).hasSize(2500);
        assertThat(f.requests()).isEqualTo(3);
        assertThat(f.first()).isEqualTo(T0);
        assertThat(f.last()).isEqualTo(to.minus(Duration.ofMinutes(1)));
        assertThat(sent).extracting(r -> r.query().get("startTime")).containsExactly(
                Long.toString(T0.toEpochMilli()), Long.toString(T0.toEpochMilli() + 999 * MINUTE + 1),
                Long.toString(T0.toEpochMilli() + 1999 * MINUTE + 1));
        assertThat(sent).allSatisfy(r -> assertThat(r.query().get("endTime"))
                .isEqualTo(Long.toString(to.toEpochMilli() - 1)));
        assertThat(progress).extracting(HistorySource.Progress::requests).containsExactly(1, 2, 3);
        assertThat(progress.getLast().estimatedRequests()).isEqualTo(3);
        assertThat(throttled).containsExactly("default:5", "default:5", "default:5");
    }

    @Test
    void estimatesFollowThePageSizes() {
        BinanceUsdmHistory h = history(r -> answer(200, "[]"));
        Instant threeHours = T0.plus(Duration.ofHours(3));
        assertThat(h.estimateRequests(EventType.CANDLE, "BTCUSDT", T0, threeHours)).isEqualTo(1);
        assertThat(h.estimateRequests(EventType.CANDLE, "BTCUSDT", T0, T0.plus(Duration.ofHours(48)))).isEqualTo(3);
        assertThat(h.estimateRequests(EventType.FUNDING_RATE, "BTCUSDT", T0, threeHours)).isEqualTo(1);
        assertThat(h.estimateRequests(EventType.OPEN_INTEREST, "BTCUSDT", T0, T0.plus(Duration.ofDays(2))))
                .isEqualTo(2);
        assertThat(h.estimateRequests(EventType.LONG_SHORT_RATIO, "BTCUSDT", T0, threeHours)).isEqualTo(4);
    }

    @Test
    void quotaEndpointsAreChargedToTheirBuckets() throws Exception {
        BinanceUsdmHistory h = history(r -> answer(200, "[]"));
        h.fetch(EventType.FUNDING_RATE, "BTCUSDT", T0, T0.plus(Duration.ofHours(8)), throttle, (page, p) -> { });
        h.fetch(EventType.LONG_SHORT_RATIO, "BTCUSDT", T0, T0.plus(Duration.ofHours(1)), throttle, (page, p) -> { });
        assertThat(throttled).containsExactly("funding:1", "futures-data:1", "futures-data:1", "futures-data:1",
                "futures-data:1");
        assertThat(sent).extracting(RestRequest::path).containsExactly("/fapi/v1/fundingRate",
                "/futures/data/globalLongShortAccountRatio", "/futures/data/topLongShortAccountRatio",
                "/futures/data/topLongShortPositionRatio", "/futures/data/takerlongshortRatio");
        assertThat(h.budgets()).containsKeys("default", "funding", "futures-data");
    }

    @Test
    void refusalsAreUnavailableAndServerErrorsTransient() {
        BinanceUsdmHistory refused = history(r -> answer(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}"));
        assertThatThrownBy(() -> refused.fetch(EventType.CANDLE, "NOPEUSDT", T0, T0.plusSeconds(600), throttle,
                (page, p) -> { })).isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("-1121 Invalid symbol.");
        BinanceUsdmHistory failing = history(r -> answer(503, "Service Unavailable."));
        assertThatThrownBy(() -> failing.fetch(EventType.CANDLE, "BTCUSDT", T0, T0.plusSeconds(600), throttle,
                (page, p) -> { })).isInstanceOf(IOException.class).hasMessageContaining("HTTP 503");
        BinanceUsdmHistory malformed = history(r -> answer(200, "{\"not\":\"an array\"}"));
        assertThatThrownBy(() -> malformed.fetch(EventType.CANDLE, "BTCUSDT", T0, T0.plusSeconds(600), throttle,
                (page, p) -> { })).isInstanceOf(IOException.class);
    }

    @Test
    void fundingOnlyForPerpetualsAndTradesNotServed() {
        BinanceUsdmHistory h = history(r -> answer(200, "[]"));
        assertThat(h.symbols(EventType.FUNDING_RATE, List.of("ETHUSDT", "BTCUSDT_261225", "BTCUSDT")))
                .containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(h.symbols(EventType.CANDLE, List.of("ETHUSDT", "BTCUSDT_261225"))).hasSize(2);
        assertThat(h.coverage(EventType.TRADE)).isEmpty();
        assertThat(h.coverage(EventType.OPEN_INTEREST).orElseThrow().window()).isEqualTo(Duration.ofDays(30));
        assertThat(h.coverage(EventType.CANDLE).orElseThrow().cheap()).isTrue();
        assertThat(h.symbols(EventType.TRADE, List.of("BTCUSDT"))).isEmpty();
    }
}
