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
    void aLostSocketOrPollIsExpandedIntoTheTypesItStoresOnly() {
        BinanceUsdmHistory h = history(BinanceUsdmHistoryTest::klines);
        assertThat(h.carriedBy("market-2")).contains(EventType.CANDLE, EventType.TRADE, EventType.FUNDING_RATE)
                .doesNotContain(EventType.OPEN_INTEREST, EventType.LONG_SHORT_RATIO);
        assertThat(h.carriedBy("public")).containsExactly(EventType.BOOK_SNAPSHOT);
        assertThat(h.carriedBy("rest:binance-usdm-open-interest")).as("the poll a rate-limit pause held")
                .containsExactly(EventType.OPEN_INTEREST);
        assertThat(h.carriedBy("rest:binance-usdm-instruments")).isEmpty();
        assertThat(h.carriedBy("stream")).contains(EventType.BOOK_SNAPSHOT, EventType.CANDLE)
                .doesNotContain(EventType.OPEN_INTEREST);
    }

    @Test
    void aTypeTheVenuesFileDoesNotStoreDidNotGoMissing() {
        BinanceUsdmHistory tradesAndBooks = new BinanceUsdmHistory(BinanceUsdmHistoryTest::klines,
                new RateBudget(2400, Duration.ofMinutes(1)), new BinanceUsdmParser(),
                InstrumentLookup::fromSymbol,
                type -> type == EventType.TRADE || type == EventType.BOOK_SNAPSHOT);
        assertThat(tradesAndBooks.carriedBy("market")).as("no candle or funding gaps to backfill")
                .containsExactly(EventType.TRADE);
        assertThat(tradesAndBooks.carriedBy("rest:binance-usdm-open-interest")).isEmpty();
    }

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
        assertThat(h.estimateRequests(EventType.TRADE, "BTCUSDT", T0, threeHours)).isEqualTo(3);
        assertThat(h.estimateRequests(EventType.TRADE, "BTCUSDT", T0, T0.plusSeconds(60))).isEqualTo(1);
        assertThat(h.estimateRequests(EventType.TRADE, "BTCUSDT", T0, threeHours.plusMillis(1))).isEqualTo(4);
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
    void fundingOnlyForPerpetualsAndLiquidationsNotServed() {
        BinanceUsdmHistory h = history(r -> answer(200, "[]"));
        assertThat(h.symbols(EventType.FUNDING_RATE, List.of("ETHUSDT", "BTCUSDT_261225", "BTCUSDT")))
                .containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(h.symbols(EventType.CANDLE, List.of("ETHUSDT", "BTCUSDT_261225"))).hasSize(2);
        assertThat(h.coverage(EventType.LIQUIDATION)).isEmpty();
        HistorySource.Coverage trades = h.coverage(EventType.TRADE).orElseThrow();
        assertThat(trades.cheap()).isFalse();
        assertThat(trades.window()).as("an hour short of the 24 h the venue keeps").isEqualTo(Duration.ofHours(23));
        assertThat(h.coverage(EventType.OPEN_INTEREST).orElseThrow().window()).as("a day short of the venue's 30")
                .isEqualTo(Duration.ofDays(29));
        assertThat(h.coverage(EventType.CANDLE).orElseThrow().cheap()).isTrue();
        assertThat(h.symbols(EventType.LIQUIDATION, List.of("BTCUSDT"))).isEmpty();
        assertThat(h.symbols(EventType.TRADE, List.of("ETHUSDT", "BTCUSDT"))).containsExactly("BTCUSDT", "ETHUSDT");
    }

    /** Aggregate trades (id, time) answered as Binance does: by fromId, or a window under an hour, else -1127. */
    private static BinanceUsdmHistory.Calls aggTrades(List<long[]> trades) {
        return r -> {
            assertThat(r.path()).isEqualTo("/fapi/v1/aggTrades");
            Map<String, String> q = r.query();
            int limit = Integer.parseInt(q.get("limit"));
            long fromId = q.containsKey("fromId") ? Long.parseLong(q.get("fromId")) : Long.MIN_VALUE;
            long start = q.containsKey("startTime") ? Long.parseLong(q.get("startTime")) : Long.MIN_VALUE;
            long end = q.containsKey("endTime") ? Long.parseLong(q.get("endTime")) : Long.MAX_VALUE;
            if (q.containsKey("fromId") && (q.containsKey("startTime") || q.containsKey("endTime"))) {
                return answer(400, "{\"code\":-1128,\"msg\":\"Combination of optional parameters invalid.\"}");
            }
            if (q.containsKey("startTime") && end - start >= 3_600_000L) {
                return answer(400, "{\"code\":-1127,\"msg\":\"More than 1 hours between startTime and endTime.\"}");
            }
            List<String> rows = trades.stream().filter(t -> t[0] >= fromId && t[1] >= start && t[1] <= end)
                    .limit(limit).map(t -> "{\"a\":" + t[0] + ",\"p\":\"100000\",\"q\":\""
                            + (t[0] % 7 == 0 ? "2" : "0.01") + "\",\"f\":" + t[0] * 3 + ",\"l\":" + (t[0] * 3 + 2)
                            + ",\"T\":" + t[1] + ",\"m\":"
                            + (t[0] % 2 == 0) + "}").toList();
            return answer(200, "[" + String.join(",", rows) + "]");
        };
    }

    @Test
    void tradesPageByHourWindowsAndContinueFullPagesByFromIdWithoutRepeatsOrLosses() throws Exception {
        long t0 = T0.toEpochMilli();
        long hourMs = 3_600_000L;
        List<long[]> trades = new ArrayList<>();
        long id = 5000;
        trades.add(new long[]{id++, t0 - 1});                       // before the range
        for (int i = 0; i < 2500; i++) {                          // hour 0: three pages, two continued by fromId
            trades.add(new long[]{id++, t0 + i * 1000L});
        }
        trades.add(new long[]{id++, t0 + hourMs - 1});              // the last ms of window 0
        for (int i = 0; i < 999; i++) {                           // hour 1: exactly one full page (1000)
            trades.add(new long[]{id++, t0 + hourMs + i * 3000L});
        }
        trades.add(new long[]{id++, t0 + 2 * hourMs - 1});
        for (int i = 0; i < 10; i++) {                            // hour 2 (first ms included): a short page
            trades.add(new long[]{id++, t0 + 2 * hourMs + i});
        }
        trades.add(new long[]{id++, t0 + 3 * hourMs});              // the range's end: excluded
        Instant to = T0.plus(Duration.ofHours(3));
        List<MarketEvent> got = new ArrayList<>();
        List<HistorySource.Progress> progress = new ArrayList<>();
        HistorySource.Fetched f = history(aggTrades(trades)).fetch(EventType.TRADE, "BTCUSDT", T0, to, throttle,
                (page, p) -> {
                    got.addAll(page);
                    progress.add(p);
                });

        assertThat(got).hasSize(3511);
        assertThat(got).extracting(e -> ((io.basis.model.Trade) e).tradeId()).doesNotHaveDuplicates()
                .containsExactlyElementsOf(java.util.stream.LongStream.range(5001, 5001 + 3511)
                        .mapToObj(Long::toString).toList());
        assertThat(f.events()).isEqualTo(3511);
        assertThat(f.first()).isEqualTo(T0);
        assertThat(f.last()).isEqualTo(Instant.ofEpochMilli(t0 + 2 * hourMs + 9));
        // window 0: time, fromId, fromId (passes the end at 7502); window 1: time (full), fromId (passes the end);
        // window 2: time (short)
        assertThat(sent).extracting(r -> r.query().get("startTime") + "/" + r.query().get("endTime") + "/"
                + r.query().get("fromId")).containsExactly(
                t0 + "/" + (t0 + hourMs - 1) + "/null",
                "null/null/6001", "null/null/7001",
                (t0 + hourMs) + "/" + (t0 + 2 * hourMs - 1) + "/null",
                "null/null/8502",
                (t0 + 2 * hourMs) + "/" + (t0 + 3 * hourMs - 1) + "/null");
        assertThat(f.requests()).isEqualTo(6);
        assertThat(progress.getLast().reached()).isEqualTo(to);
        assertThat(progress.getLast().estimatedRequests()).isEqualTo(6);
        assertThat(progress).extracting(HistorySource.Progress::reached).isSorted();
        assertThat(throttled).hasSize(6).containsOnly("default:20");

        io.basis.model.Trade first = (io.basis.model.Trade) got.getFirst();
        io.basis.model.Trade live = new BinanceUsdmParser().trade(new BinanceUsdmMessages.AggTrade(t0, "BTCUSDT",
                5001, new java.math.BigDecimal("100000"), new java.math.BigDecimal(5001 % 7 == 0 ? "2" : "0.01"),
                null, 15003L, 15005L, t0, false), first.receivedAt(), InstrumentLookup.fromSymbol());
        assertThat(first).as("mapped as the live stream maps it").isEqualTo(live);
        assertThat(got.stream().map(e -> (io.basis.model.Trade) e).filter(t -> t.tradeId().equals("5003"))
                .findFirst().orElseThrow()).satisfies(t -> {
                    assertThat(t.side()).isEqualTo(io.basis.model.Side.BUY);
                    assertThat(t.large()).as("0.01 BTC is not large").isFalse();
                });
        assertThat(got.stream().map(e -> (io.basis.model.Trade) e).filter(t -> t.tradeId().equals("5012"))
                .findFirst().orElseThrow()).satisfies(t -> {
                    assertThat(t.side()).as("buyer maker: the taker sold").isEqualTo(io.basis.model.Side.SELL);
                    assertThat(t.large()).as("2 BTC at 100000 is large").isTrue();
                });
    }

    /**
     * Open interest every 5 minutes of [T0, T0 + n x 5 min) except {@code missing}, answered as the
     * {@code /futures/data} endpoints do for a range holding more than {@code limit}: its newest rows.
     */
    private static BinanceUsdmHistory.Calls openInterestNewestFirst(int n, java.util.Set<Long> missing) {
        return r -> {
            long start = Long.parseLong(r.query().get("startTime"));
            long end = Long.parseLong(r.query().get("endTime"));
            int limit = Integer.parseInt(r.query().get("limit"));
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long t = T0.toEpochMilli() + i * 5 * MINUTE;
                if (t >= start && t <= end && !missing.contains(t)) {
                    rows.add("{\"symbol\":\"BTCUSDT\",\"sumOpenInterest\":\"" + i + "\",\"sumOpenInterestValue\":\"1\","
                            + "\"timestamp\":" + t + "}");
                }
            }
            return answer(200, "[" + String.join(",", rows.subList(Math.max(0, rows.size() - limit), rows.size()))
                    + "]");
        };
    }

    @Test
    void statisticsAreAskedInWindowsOfOnePageSoNewestFirstAnswersLoseNothing() throws Exception {
        List<MarketEvent> got = new ArrayList<>();
        List<HistorySource.Progress> progress = new ArrayList<>();
        Instant to = T0.plus(Duration.ofHours(48));                            // 576 rows: more than one page
        HistorySource.Fetched f = history(openInterestNewestFirst(576, java.util.Set.of()))
                .fetch(EventType.OPEN_INTEREST, "BTCUSDT", T0, to, throttle, (page, p) -> {
                    got.addAll(page);
                    progress.add(p);
                });
        assertThat(got).hasSize(576);
        assertThat(got).extracting(MarketEvent::venueTime).doesNotHaveDuplicates().isSorted();
        assertThat(f.first()).isEqualTo(T0);
        assertThat(f.last()).isEqualTo(to.minus(Duration.ofMinutes(5)));
        long window = 500 * 5 * MINUTE;
        assertThat(sent).extracting(r -> r.query().get("startTime") + ".." + r.query().get("endTime")).containsExactly(
                T0.toEpochMilli() + ".." + (T0.toEpochMilli() + window - 1),
                (T0.toEpochMilli() + window) + ".." + (to.toEpochMilli() - 1));
        assertThat(f.requests()).isEqualTo(h().estimateRequests(EventType.OPEN_INTEREST, "BTCUSDT", T0, to));
        assertThat(progress).extracting(HistorySource.Progress::reached).isSorted().last().isEqualTo(to);
    }

    @Test
    void anEmptyStatisticsWindowDoesNotEndTheRun() throws Exception {
        long window = 500 * 5 * MINUTE;
        java.util.Set<Long> hole = new java.util.HashSet<>();
        for (long t = T0.toEpochMilli() + window; t < T0.toEpochMilli() + 2 * window; t += 5 * MINUTE) {
            hole.add(t);                                                       // the venue lost the second window
        }
        List<MarketEvent> got = new ArrayList<>();
        history(openInterestNewestFirst(1200, hole)).fetch(EventType.OPEN_INTEREST, "BTCUSDT", T0,
                T0.plus(Duration.ofMinutes(5 * 1200)), throttle, (page, p) -> got.addAll(page));
        assertThat(sent).hasSize(3);
        assertThat(got).hasSize(1200 - 500);
        assertThat(got.getLast().venueTime()).isEqualTo(T0.plus(Duration.ofMinutes(5 * 1199)));
    }

    private BinanceUsdmHistory h() {
        return new BinanceUsdmHistory(r -> answer(200, "[]"), new RateBudget(2400, Duration.ofMinutes(1)));
    }

    @Test
    void aFullFundingPageEndingJustOverAnHourBeforeTheEndStillAsksForTheRest() throws Exception {
        long hour = 60 * MINUTE;
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            times.add(T0.toEpochMilli() + i * hour + 7);                       // settled a few ms after the hour
        }
        long lastTime = T0.toEpochMilli() + 1000 * hour;                        // this one on the hour
        times.add(lastTime);
        BinanceUsdmHistory.Calls funding = r -> {
            long start = Long.parseLong(r.query().get("startTime"));
            long end = Long.parseLong(r.query().get("endTime"));
            int limit = Integer.parseInt(r.query().get("limit"));
            return answer(200, "[" + String.join(",", times.stream().filter(t -> t >= start && t <= end).limit(limit)
                    .map(t -> "{\"symbol\":\"BTCUSDT\",\"fundingRate\":\"0.0001\",\"fundingTime\":" + t
                            + ",\"markPrice\":\"1\"}").toList()) + "]");
        };
        List<MarketEvent> got = new ArrayList<>();
        history(funding).fetch(EventType.FUNDING_RATE, "BTCUSDT", T0, Instant.ofEpochMilli(lastTime + 1), throttle,
                (page, p) -> got.addAll(page));
        assertThat(got).hasSize(1001);
        assertThat(got.getLast().venueTime()).isEqualTo(Instant.ofEpochMilli(lastTime));
    }

    @Test
    void onlyAnswersTheVenueMeansAsFinalAreRefusals() {
        assertThat(BinanceUsdmHistory.refusal(400, -1121)).as("invalid symbol").isTrue();
        assertThat(BinanceUsdmHistory.refusal(400, -1130)).as("startTime outside the window").isTrue();
        assertThat(BinanceUsdmHistory.refusal(404, null)).isTrue();
        assertThat(BinanceUsdmHistory.refusal(403, null)).as("WAF limit").isFalse();
        assertThat(BinanceUsdmHistory.refusal(408, null)).as("backend timeout").isFalse();
        assertThat(BinanceUsdmHistory.refusal(429, -1003)).isFalse();
        assertThat(BinanceUsdmHistory.refusal(418, -1003)).isFalse();
        assertThat(BinanceUsdmHistory.refusal(400, -1003)).as("too many requests, whatever the status").isFalse();
        assertThat(BinanceUsdmHistory.refusal(400, -1007)).as("timeout").isFalse();
        assertThat(BinanceUsdmHistory.refusal(400, -1008)).as("server busy").isFalse();
        assertThat(BinanceUsdmHistory.refusal(503, null)).isFalse();
    }

    @Test
    void aTimeoutIsTransientNotUnfillable() {
        BinanceUsdmHistory timedOut = history(r -> answer(408, "{\"code\":-1007,\"msg\":\"Timeout waiting for "
                + "response from backend server.\"}"));
        assertThatThrownBy(() -> timedOut.fetch(EventType.CANDLE, "BTCUSDT", T0, T0.plusSeconds(600), throttle,
                (page, p) -> { })).isInstanceOf(IOException.class).hasMessageContaining("HTTP 408 -1007");
    }

    @Test
    void aGapOpeningMidMinuteAlsoRefetchesTheCandleItOpenedIn() throws Exception {
        List<MarketEvent> got = new ArrayList<>();
        history(BinanceUsdmHistoryTest::klines).fetch(EventType.CANDLE, "BTCUSDT", T0.plusSeconds(30),
                T0.plus(Duration.ofMinutes(3)), throttle, (page, p) -> got.addAll(page));
        assertThat(sent.getFirst().query().get("startTime")).isEqualTo(Long.toString(T0.toEpochMilli()));
        assertThat(got).extracting(MarketEvent::venueTime).as("the live stream stored 00:00 unfinished")
                .containsExactly(T0, T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(2)));
        sent.clear();
        Instant from = T0.plusSeconds(30);
        Instant to = from.plus(Duration.ofMinutes(1000));                     // 1001 candles from 00:00 on
        HistorySource.Fetched f = history(BinanceUsdmHistoryTest::klines).fetch(EventType.CANDLE, "BTCUSDT", from, to,
                throttle, (page, p) -> { });
        assertThat(f.events()).isEqualTo(1001);
        assertThat(h().estimateRequests(EventType.CANDLE, "BTCUSDT", from, to)).isEqualTo(f.requests())
                .isEqualTo(2);
    }
}
