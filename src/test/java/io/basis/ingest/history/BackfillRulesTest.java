package io.basis.ingest.history;

import io.basis.ingest.runtime.RateBudget;
import io.basis.model.EventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static io.basis.ingest.history.BackfillRules.Kind.FETCH;
import static io.basis.ingest.history.BackfillRules.Kind.IGNORED;
import static io.basis.ingest.history.BackfillRules.Kind.MANUAL;
import static io.basis.ingest.history.BackfillRules.Kind.UNFILLABLE;
import static io.basis.ingest.history.BackfillRules.Kind.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackfillRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final BackfillProperties PROPS = BackfillProperties.defaults();
    private static final HistorySource.Coverage CANDLES = new HistorySource.Coverage(EventType.CANDLE, null, true,
            "klines");
    private static final HistorySource.Coverage OI = new HistorySource.Coverage(EventType.OPEN_INTEREST,
            Duration.ofDays(30), false, "openInterestHist");
    private static final HistorySource.Coverage TRADES = new HistorySource.Coverage(EventType.TRADE, null, false,
            "trades");

    private static BackfillRules.Decision decide(EventType type, Duration ago, Duration length,
                                                 HistorySource.Coverage coverage) {
        Instant from = NOW.minus(ago);
        return BackfillRules.decide("v", type, from, from.plus(length), coverage, NOW, PROPS);
    }

    @Test
    void aThreeHourGapOfAServedTypeIsFetchedWhole() {
        BackfillRules.Decision d = decide(EventType.TRADE, Duration.ofHours(4), Duration.ofHours(3), TRADES);
        assertThat(d.kind()).isEqualTo(FETCH);
        assertThat(d.from()).isEqualTo(NOW.minus(Duration.ofHours(4)));
        assertThat(d.to()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(d.lostReason()).isNull();
    }

    @Test
    void belowTheFloorOnlyCheapTypesAreFetched() {
        assertThat(decide(EventType.CANDLE, Duration.ofMinutes(30), Duration.ofMinutes(10), CANDLES).kind())
                .isEqualTo(FETCH);
        BackfillRules.Decision trades = decide(EventType.TRADE, Duration.ofMinutes(30), Duration.ofMinutes(10),
                TRADES);
        assertThat(trades.kind()).as("left open for a manual backfill, with the reason").isEqualTo(MANUAL);
        assertThat(trades.reason()).isEqualTo("shorter than the 2 h automatic minimum for trade; backfill manually");
        // a type the venue calls cheap but the configuration does not: the floor applies
        HistorySource.Coverage cheapOi = new HistorySource.Coverage(EventType.OPEN_INTEREST, null, true, "oi");
        assertThat(decide(EventType.OPEN_INTEREST, Duration.ofMinutes(30), Duration.ofMinutes(10), cheapOi).kind())
                .isEqualTo(MANUAL);
        assertThat(BackfillRules.decide("v", EventType.TRADE, NOW.minus(Duration.ofHours(1)),
                NOW.minus(Duration.ofMinutes(30)), TRADES, NOW, new BackfillProperties(true, Duration.ofMinutes(90),
                        null, null, null, null, null, null, null, null))
                .reason()).as("a floor of whole minutes").startsWith("shorter than the 90 min automatic minimum");
    }

    @Test
    void longerThanTheMaximumIsLeftForAManualBackfill() {
        BackfillRules.Decision d = decide(EventType.CANDLE, Duration.ofDays(3), Duration.ofHours(49), CANDLES);
        assertThat(d.kind()).isEqualTo(MANUAL);
        assertThat(d.reason()).isEqualTo("longer than the 48 h automatic maximum; run POST /backfill/{hours} or"
                + " basis backfill");
        assertThat(decide(EventType.CANDLE, Duration.ofDays(3), Duration.ofHours(48), CANDLES).kind())
                .isEqualTo(FETCH);
    }

    @Test
    void theMaximumBoundsWhatIsStillServedAndNoLengthRuleHoldsBackAnUnservedGap() {
        HistorySource.Coverage dayOfTrades = new HistorySource.Coverage(EventType.TRADE, Duration.ofDays(1), false,
                "aggTrades");
        BackfillRules.Decision longMostlyLost = decide(EventType.TRADE, Duration.ofHours(61), Duration.ofHours(60),
                dayOfTrades);
        assertThat(longMostlyLost.kind()).as("the served day is fetched, the rest named lost").isEqualTo(FETCH);
        assertThat(longMostlyLost.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
        assertThat(longMostlyLost.lostReason()).contains("no longer served");
        BackfillRules.Decision longAllLost = decide(EventType.TRADE, Duration.ofDays(5), Duration.ofHours(60),
                dayOfTrades);
        assertThat(longAllLost.kind()).as("not left for a manual backfill that cannot get it").isEqualTo(UNFILLABLE);
        assertThat(longAllLost.reason()).startsWith("older than the history window");
        assertThat(decide(EventType.TRADE, Duration.ofDays(3), Duration.ofMinutes(10), dayOfTrades).kind())
                .as("below the floor too").isEqualTo(UNFILLABLE);
        BackfillRules.Decision shortMostlyLost = decide(EventType.TRADE, Duration.ofHours(27), Duration.ofHours(4),
                dayOfTrades);
        assertThat(shortMostlyLost.kind()).as("the floor applies to the gap, not to its served hour")
                .isEqualTo(FETCH);
        assertThat(shortMostlyLost.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    }

    @Test
    void aGapThatHasNotEndedWaits() {
        assertThat(decide(EventType.CANDLE, Duration.ofHours(3), Duration.ofHours(4), CANDLES).kind())
                .isEqualTo(WAIT);
    }

    @Test
    void entirelyBeyondTheWindowIsUnfillableNamingTheWindow() {
        BackfillRules.Decision d = decide(EventType.OPEN_INTEREST, Duration.ofDays(40), Duration.ofHours(6), OI);
        assertThat(d.kind()).isEqualTo(UNFILLABLE);
        assertThat(d.reason()).isEqualTo("older than the history window: v serves open-interest (openInterestHist)"
                + " only for the last 30 days");
    }

    @Test
    void partlyBeyondTheWindowFetchesTheServedPartAndNamesTheLostOne() {
        Instant servedFrom = NOW.minus(Duration.ofDays(30));
        BackfillRules.Decision d = decide(EventType.OPEN_INTEREST, Duration.ofDays(30).plusHours(2),
                Duration.ofHours(4), OI);
        assertThat(d.kind()).isEqualTo(FETCH);
        assertThat(d.from()).isEqualTo(servedFrom);
        assertThat(d.to()).isEqualTo(servedFrom.plus(Duration.ofHours(2)));
        assertThat(d.lostReason()).startsWith("before " + servedFrom + " no longer served");
    }

    @Test
    void unservedTypesAreUnfillableAndNeverServedOnesIgnored() {
        BackfillRules.Decision oi = decide(EventType.OPEN_INTEREST, Duration.ofHours(4), Duration.ofHours(3), null);
        assertThat(oi.kind()).isEqualTo(UNFILLABLE);
        assertThat(oi.reason()).isEqualTo("v serves no history of open-interest");
        BackfillRules.Decision book = decide(EventType.BOOK_SNAPSHOT, Duration.ofHours(4), Duration.ofHours(3),
                null);
        assertThat(book.kind()).isEqualTo(IGNORED);
    }

    @Test
    void theBackfillShareKeepsAtLeastOneWeightPerWindow() {
        Map<String, RateBudget> shared = BackfillRules.share(Map.of("default", new RateBudget(2400,
                Duration.ofMinutes(1)), "funding", new RateBudget(3, Duration.ofMinutes(5))), 0.25);
        assertThat(shared.get("default")).isEqualTo(new RateBudget(600, Duration.ofMinutes(1)));
        assertThat(shared.get("funding")).isEqualTo(new RateBudget(1, Duration.ofMinutes(5)));
    }

    @Test
    void retriesDoubleUpToTheCap() {
        Duration first = Duration.ofMinutes(1);
        Duration max = Duration.ofHours(1);
        assertThat(BackfillRules.retryDelay(0, first, max)).isEqualTo(Duration.ofMinutes(1));
        assertThat(BackfillRules.retryDelay(3, first, max)).isEqualTo(Duration.ofMinutes(8));
        assertThat(BackfillRules.retryDelay(7, first, max)).isEqualTo(max);
        assertThat(BackfillRules.retryDelay(500, first, max)).isEqualTo(max);
    }

    @Test
    void propertiesDefaultAndValidate() {
        assertThat(PROPS.enabled()).isTrue();
        assertThat(PROPS.minGap()).isEqualTo(Duration.ofHours(2));
        assertThat(PROPS.maxGap()).isEqualTo(Duration.ofHours(48));
        assertThat(PROPS.cheapTypes()).isEqualTo(Set.of("candle", "funding-rate"));
        assertThatThrownBy(() -> new BackfillProperties(null, Duration.ofHours(3), Duration.ofHours(2), null, null,
                null, null, null, null, null)).hasMessageContaining("min-gap");
        assertThatThrownBy(() -> new BackfillProperties(null, null, null, Set.of("candles"), null, null, null, null,
                null, null)).hasMessageContaining("unknown event type candles");
        assertThatThrownBy(() -> new BackfillProperties(null, null, null, null, null, null, 1.5, null, null, null))
                .hasMessageContaining("budget-share");
        assertThatThrownBy(() -> new BackfillProperties(null, null, null, null, null, null, null, Duration.ZERO, null,
                null)).hasMessageContaining("retry-after > 0");
        assertThatThrownBy(() -> new BackfillProperties(null, null, null, null, null, null, null,
                Duration.ofMinutes(5), Duration.ofMinutes(1), null)).hasMessageContaining("retry-max >= retry-after");
        assertThatThrownBy(() -> new BackfillProperties(null, null, null, null, null, null, null, null, null,
                Duration.ofHours(-1))).hasMessageContaining("startup-funding >= 0");
    }
}
