package io.basis.api;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;
import io.basis.model.EventType;
import io.basis.store.GapState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Input validation of the gap and backfill endpoints, and the coverage rules. */
class GapParamsTest {

    @Test
    void hoursAreWholeNumbersFrom1To168() {
        assertThat(GapParams.hours("1")).isEqualTo(1);
        assertThat(GapParams.hours("24")).isEqualTo(24);
        assertThat(GapParams.hours("168")).isEqualTo(168);
        assertThat(GapParams.hours("05")).isEqualTo(5);
        for (String bad : List.of("0", "169", "-1", "abc", "1.5", "", " ", "1e2", "+5", "99999999999", "0x10",
                " 5", "5 ", "000000000005", "5\n", "٥", "1_0")) {
            assertThatThrownBy(() -> GapParams.hours(bad)).as(bad).isInstanceOfSatisfying(ParameterException.class,
                    e -> {
                        assertThat(e.parameter()).isEqualTo("hours");
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.getMessage()).contains("from 1 to 168").contains("'" + bad + "'");
                        assertThat(e.properties()).containsEntry("minimum", 1).containsEntry("maximum", 168);
                    });
        }
    }

    @Test
    void jobIdsArePositiveIntegers() {
        assertThat(GapParams.jobId("12")).isEqualTo(12L);
        for (String bad : List.of("0", "-3", "abc", "1.5", "", " 12", "99999999999999999999")) {
            assertThatThrownBy(() -> GapParams.jobId(bad)).as(bad).isInstanceOfSatisfying(ParameterException.class,
                    e -> assertThat(e.parameter()).isEqualTo("id"));
        }
        assertThat(GapParams.unknownJob(77).status().value()).isEqualTo(404);
        assertThat(GapParams.unknownJob(77).getMessage()).contains("77");
    }

    @Test
    void statesAndTypesAreClosedLists() {
        assertThat(GapParams.states(null)).isEmpty();
        assertThat(GapParams.states("open, Backfilling")).containsExactlyInAnyOrder(GapState.OPEN,
                GapState.BACKFILLING);
        assertThatThrownBy(() -> GapParams.states("open,closed")).isInstanceOfSatisfying(ParameterException.class,
                e -> assertThat(e.allowed()).contains("open", "unfillable"));
        assertThat(GapParams.type("Trade")).isEqualTo("trade");
        assertThat(GapParams.type(" ")).isNull();
        assertThatThrownBy(() -> GapParams.type("instrument")).isInstanceOfSatisfying(ParameterException.class,
                e -> assertThat(e.parameter()).isEqualTo("type"));
        assertThatThrownBy(() -> GapParams.limit(0)).isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> GapParams.limit(1001)).isInstanceOf(ParameterException.class);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        assertThatThrownBy(() -> GapParams.window(t.plusSeconds(1), t)).isInstanceOfSatisfying(
                ParameterException.class, e -> assertThat(e.parameter()).isEqualTo("from"));
    }

    @Test
    void coverageIntervalsFollowTheVenuesFile() {
        VenueConfig binance = new VenueConfig("binance-usdm", true, URI.create("https://fapi.binance.com"), null,
                List.of("BTCUSDT"), null, List.of(), Map.of(), null, Map.of(
                Channel.CANDLES, new ChannelConfig(Channel.CANDLES, StoragePolicy.ALL, Map.of("interval", "5m")),
                Channel.OPEN_INTEREST, new ChannelConfig(Channel.OPEN_INTEREST, StoragePolicy.ALL,
                        Map.of("poll-interval", "30s"))));
        assertThat(CoverageRules.bucket(EventType.CANDLE, binance, null)).hasValue(Duration.ofMinutes(5));
        assertThat(CoverageRules.bucket(EventType.OPEN_INTEREST, binance, null)).hasValue(Duration.ofSeconds(30));
        assertThat(CoverageRules.bucket(EventType.CANDLE, null, null)).hasValue(Duration.ofMinutes(1));
        assertThat(CoverageRules.bucket(EventType.FUNDING_RATE, null, 14_400)).hasValue(Duration.ofHours(4));
        assertThat(CoverageRules.bucket(EventType.FUNDING_RATE, null, null)).hasValue(Duration.ofHours(8));
        assertThat(CoverageRules.bucket(EventType.LONG_SHORT_RATIO, null, null)).hasValue(Duration.ofMinutes(5));
        assertThat(CoverageRules.bucket(EventType.OPTION_TICKER, null, null)).hasValue(Duration.ofHours(1));
        assertThat(CoverageRules.bucket(EventType.MARK_PRICE, null, null)).hasValue(Duration.ofMinutes(1));
        assertThat(CoverageRules.bucket(EventType.TRADE, null, null)).as("irregular").isEmpty();
        assertThat(CoverageRules.bucket(EventType.LIQUIDATION, null, null)).isEmpty();
    }

    @Test
    void aThinnedChannelIsExpectedOncePerSnapshotInterval() {
        VenueConfig deribit = new VenueConfig("deribit", true, URI.create("https://www.deribit.com"), null,
                List.of(), null, List.of("BTC"), Map.of(), null, Map.of(
                Channel.OPEN_INTEREST, new ChannelConfig(Channel.OPEN_INTEREST, StoragePolicy.ALL,
                        Map.of("snapshot-interval", "5m")),
                Channel.MARK_PRICE, new ChannelConfig(Channel.MARK_PRICE, StoragePolicy.ALL,
                        Map.of("snapshot-interval", "1s")),
                Channel.BOOK, new ChannelConfig(Channel.BOOK, StoragePolicy.ALL,
                        Map.of("snapshot-interval", "2m"))));
        assertThat(CoverageRules.bucket(EventType.OPEN_INTEREST, deribit, null)).hasValue(Duration.ofMinutes(5));
        assertThat(CoverageRules.bucket(EventType.MARK_PRICE, deribit, null)).hasValue(Duration.ofMinutes(1));
        assertThat(CoverageRules.bucket(EventType.BOOK_SNAPSHOT, deribit, null)).hasValue(Duration.ofMinutes(2));
    }

    @Test
    void aSymbolIsCompleteWhenEveryMeasuredTypeIsOrWithUnmeasuredOnesWhenRecent() {
        CoverageResponse.TypeCoverage candles = measured("candle", 99.0);
        CoverageResponse.TypeCoverage thin = measured("mark-price", 98.9);
        CoverageResponse.TypeCoverage trades = new CoverageResponse.TypeCoverage("trade", null,
                "2026-11-22T03:59:00Z", null, null, null, null, null, null);
        assertThat(CoverageRules.complete(List.of(candles, trades), false)).isTrue();
        assertThat(CoverageRules.complete(List.of(candles, thin, trades), true)).isFalse();
        assertThat(CoverageRules.complete(List.of(trades), true)).as("trades only, stored today").isTrue();
        assertThat(CoverageRules.complete(List.of(trades), false)).as("nothing for a day").isFalse();
        assertThat(CoverageRules.complete(List.of(), true)).isFalse();
    }

    private static CoverageResponse.TypeCoverage measured(String type, double percent24h) {
        return new CoverageResponse.TypeCoverage(type, "PT1M", "2026-11-22T03:59:00Z", 1440, null, percent24h, 10080,
                null, null);
    }

    @Test
    void percentsHaveOneDecimalAndTheHeadlineReadsLikeTheSeed() {
        assertThat(CoverageRules.percent(1404, 1440)).isEqualTo(97.5);
        assertThat(CoverageRules.percent(2, 3)).isEqualTo(66.7);
        assertThat(CoverageRules.percent(0, 0)).isNull();
        assertThat(CoverageRules.headline(104, 127)).isEqualTo("104/127 symbols (81.9%)");
        assertThat(CoverageRules.headline(0, 0)).isEqualTo("0/0 symbols (0.0%)");
    }
}
