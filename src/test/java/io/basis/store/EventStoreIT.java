package io.basis.store;

import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.MarketEvent;
import io.basis.model.Trade;
import io.basis.support.ServiceTestSupport;
import io.basis.support.Fixtures;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.basis.support.Fixtures.VENUE;
import static io.basis.support.Fixtures.at;
import static io.basis.support.Fixtures.d;
import static io.basis.support.Fixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

class EventStoreIT extends ServiceTestSupport {
    private static final EventQueries.Filter ALL_OF_VENUE = new EventQueries.Filter(VENUE, null, null, null, 10_000);

    @Autowired EventWriter writer;
    @Autowired BatchWriter batchWriter;
    @Autowired EventQueries queries;
    @Autowired InstrumentIds instrumentIds;
    @Autowired PartitionManager partitions;
    @Autowired DataSource dataSource;

    @BeforeEach
    void empty() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
    }

    @Test
    void everyEventTypeRoundTripsFieldByFieldWithExactDecimals() throws Exception {
        List<MarketEvent> events = Fixtures.oneOfEach();
        publish(events);

        for (EventType type : EventType.values()) {
            List<MarketEvent> expected = events.stream().filter(e -> e.type() == type).toList();
            assertThat(queries.range(type, ALL_OF_VENUE)).as(type.id())
                    .usingRecursiveFieldByFieldElementComparator().containsExactlyInAnyOrderElementsOf(expected);
            // records compare BigDecimal with equals(): scale must survive ("0.00100" is not "0.001")
            assertThat(queries.range(type, ALL_OF_VENUE)).as(type.id()).containsExactlyInAnyOrderElementsOf(expected);
        }
        Trade trade = (Trade) queries.range(EventType.TRADE, ALL_OF_VENUE).getFirst();
        assertThat(trade.notional().toPlainString()).isEqualTo("1500");
        assertThat(trade.baseAmount().toPlainString()).isEqualTo("0.02234690");
    }

    @Test
    void writingTheSameEventsTwiceStoresThemOnce() throws Exception {
        List<MarketEvent> events = new ArrayList<>(Fixtures.oneOfEach());
        IntStream.range(0, 500).forEach(i -> events.add(trade("ETHUSDT", "t" + i, at(i))));
        publish(events);
        Map<EventType, Long> first = counts();
        Map<EventType, Long> storedFirst = queries.storedRows();

        publish(events);
        publish(events.reversed());

        assertThat(counts()).isEqualTo(first);
        assertThat(queries.storedRows()).isEqualTo(storedFirst);
        assertThat(first.get(EventType.TRADE)).isEqualTo(501);
    }

    @Test
    void aDuplicateInsideABatchDoesNotCostTheRestOfTheBatch() throws Exception {
        batchWriter.write(List.of(trade("BTCUSDT", "1", at(1)), trade("BTCUSDT", "2", at(2))));
        List<MarketEvent> mixed = new ArrayList<>();
        mixed.add(trade("BTCUSDT", "2", at(2)));                       // already stored
        IntStream.range(3, 12).forEach(i -> mixed.add(trade("BTCUSDT", String.valueOf(i), at(i))));
        mixed.add(trade("BTCUSDT", "5", at(5)));                       // duplicate within the batch

        BatchWriter.Result result = batchWriter.write(mixed);

        assertThat(result.inserted()).containsEntry(EventType.TRADE, 9);
        assertThat(queries.count(EventType.TRADE)).isEqualTo(11);
    }

    @Test
    void theNewestFundingObservationWinsAndSettledHistoryReplacesEstimates() throws Exception {
        Instant settle = Instant.parse("2026-11-20T16:00:00Z");
        FundingRate estimate1 = funding(settle.minusSeconds(3600), settle, "0.00010000");
        FundingRate estimate2 = funding(settle.minusSeconds(60), settle, "0.00012000");
        FundingRate settled = funding(settle, settle, "0.00011500");

        publish(List.of(estimate1, estimate2));
        assertThat(onlyFunding().rate()).isEqualTo(d("0.00012000"));
        publish(List.of(settled, estimate1));           // a replayed older estimate never overwrites
        assertThat(onlyFunding()).isEqualTo(settled);
        assertThat(onlyFunding().settled()).isTrue();
        assertThat(queries.storedRows()).containsEntry(EventType.FUNDING_RATE, 1L);
    }

    @Test
    void anOpenCandleIsReplacedButAClosedCandleIsFinal() throws Exception {
        Instant open = Instant.parse("2026-11-20T10:15:00Z");
        publish(List.of(candle(open, "100.5", false)));
        publish(List.of(candle(open, "101.0", false)));
        assertThat(onlyCandle().close()).isEqualTo(d("101.0"));
        publish(List.of(candle(open, "101.5", true)));
        publish(List.of(candle(open, "99.0", false)));  // a late partial update of a closed candle is ignored
        assertThat(onlyCandle().close()).isEqualTo(d("101.5"));
        assertThat(onlyCandle().closed()).isTrue();
    }

    @Test
    void eventsBeforeTheirListingGetABareInstrumentThatTheListingCompletes() throws Exception {
        publish(List.of(trade("SOLUSDT", "1", at(0))));
        assertThat(queries.instruments(VENUE, "SOLUSDT")).isEmpty();
        Instrument listing = new Instrument(VENUE, "SOLUSDT", "SOL-USDT-PERP", InstrumentKind.PERPETUAL, "SOL", "USDT",
                "USDT", d("1"), io.basis.model.ContractType.LINEAR, null, null, null, d("0.010"), d("1"), at(5), at(5));
        publish(List.of(listing));
        assertThat(queries.instruments(VENUE, "SOL-USDT-PERP")).containsExactly(listing);
        assertThat(queries.range(EventType.TRADE, new EventQueries.Filter(null, "SOL-USDT-PERP", null, null, 10)))
                .hasSize(1);
    }

    @Test
    void rangeAndLatestQueriesFilterByInstrumentAndTime() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(trade("BTCUSDT", "b" + i, at(i * 60L)));
            events.add(trade("ETHUSDT", "e" + i, at(i * 60L + 1)));
        }
        publish(events);

        List<MarketEvent> window = queries.range(EventType.TRADE,
                new EventQueries.Filter(VENUE, "BTCUSDT", at(600), at(1200), 100));
        assertThat(window).extracting(e -> ((Trade) e).tradeId())
                .containsExactly("b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19");
        assertThat(queries.latest(EventType.TRADE, ALL_OF_VENUE)).extracting(e -> ((Trade) e).tradeId())
                .containsExactly("b49", "e49");
        assertThat(queries.range(EventType.TRADE, new EventQueries.Filter(VENUE, "BTCUSDT", null, null, 3)))
                .hasSize(3);
        assertThat(queries.newestVenueTime()).contains(at(49 * 60L + 1));
    }

    @Test
    void anEventTheDatabaseRefusesIsIsolatedKeptAndCountedWhileTheRestIsStored() throws Exception {
        long rejectedBefore = writer.statistics().rejectedEvents();
        List<MarketEvent> events = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> events.add(trade("BTCUSDT", "ok" + i, at(i))));
        events.add(10, trade("BTCUSDT", "bad\u0000id", at(100)));   // PostgreSQL text cannot hold NUL
        publish(events);

        assertThat(queries.count(EventType.TRADE)).isEqualTo(20);
        assertThat(writer.statistics().rejectedEvents()).isEqualTo(rejectedBefore + 1);
        Path rejected = writer.spool().directory().resolveSibling("rejected.jsonl");
        assertThat(Files.readString(rejected)).contains("bad\\u0000id");
    }

    @Test
    void partitionsAreCreatedForAnyPeriodAndDroppedPastRetention() throws Exception {
        publish(List.of(trade("BTCUSDT", "old", Instant.parse("2019-03-04T05:06:07Z")),
                funding(Instant.parse("2019-03-04T08:00:00Z"), Instant.parse("2019-03-04T08:00:00Z"), "0.0001")));
        assertThat(partitionNames()).contains("trade_p20190304", "funding_rate_p201903");
        assertThat(queries.count(EventType.TRADE)).isEqualTo(1);

        partitions.dropExpired(Instant.parse("2019-03-06T00:00:00Z"), Map.of("trade", Duration.ofDays(1)));

        assertThat(partitionNames()).doesNotContain("trade_p20190304").contains("funding_rate_p201903");
        assertThat(queries.count(EventType.TRADE)).isZero();
        assertThat(partitions.isNativelyPartitioned("trade")).isTrue();
    }

    private void publish(List<? extends MarketEvent> events) throws InterruptedException {
        writer.publishAll(events);
        assertThat(writer.awaitStored(Duration.ofSeconds(60))).isTrue();
    }

    private Map<EventType, Long> counts() {
        Map<EventType, Long> counts = new EnumMap<>(EventType.class);
        Arrays.stream(EventType.values()).forEach(t -> counts.put(t, queries.count(t)));
        return counts;
    }

    private static FundingRate funding(Instant observed, Instant fundingTime, String rate) {
        return new FundingRate(VENUE, "BTCUSDT", observed, observed.plusMillis(5), fundingTime, d(rate), null,
                Duration.ofHours(8));
    }

    private FundingRate onlyFunding() {
        List<MarketEvent> all = queries.range(EventType.FUNDING_RATE, ALL_OF_VENUE);
        assertThat(all).hasSize(1);
        return (FundingRate) all.getFirst();
    }

    private Candle candle(Instant open, String close, boolean closed) {
        return new Candle(VENUE, "BTCUSDT", open, open.plusSeconds(closed ? 60 : 30), Duration.ofMinutes(1),
                d("100.0"), d("102.0"), d("99.0"), d(close), d("12.5"), d("1250.0"), 10L, closed);
    }

    private Candle onlyCandle() {
        List<MarketEvent> all = queries.range(EventType.CANDLE, ALL_OF_VENUE);
        assertThat(all).hasSize(1);
        return (Candle) all.getFirst();
    }

    private List<String> partitionNames() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT inhrelid::regclass::text FROM pg_inherits")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
