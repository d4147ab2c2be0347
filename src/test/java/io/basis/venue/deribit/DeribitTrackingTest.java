package io.basis.venue.deribit;

import io.basis.model.Instrument;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.basis.venue.deribit.DeribitFixtures.rest;
import static org.assertj.core.api.Assertions.assertThat;

class DeribitTrackingTest {

    static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");

    static Instrument instrument(String json) {
        return DeribitInstruments.parse(("{\"jsonrpc\":\"2.0\",\"result\":[" + json + "]}").getBytes(), NOW)
                .getFirst();
    }

    static Instrument option(String name, Instant expiry) {
        String[] p = name.split("-");
        return instrument("{\"instrument_name\":\"" + name + "\",\"kind\":\"option\",\"base_currency\":\"BTC\","
                + "\"quote_currency\":\"BTC\",\"counter_currency\":\"USD\",\"settlement_currency\":\"BTC\","
                + "\"strike\":" + p[2] + ",\"option_type\":\"" + (p[3].equals("C") ? "call" : "put") + "\","
                + "\"expiration_timestamp\":" + expiry.toEpochMilli() + ",\"tick_size\":0.0001,"
                + "\"min_trade_amount\":0.1,\"contract_size\":1}");
    }

    static Instrument future(String name, Instant expiry, boolean perpetual) {
        return instrument("{\"instrument_name\":\"" + name + "\",\"kind\":\"future\",\"base_currency\":\"BTC\","
                + "\"quote_currency\":\"USD\",\"counter_currency\":\"USD\",\"settlement_currency\":\"BTC\","
                + "\"instrument_type\":\"reversed\",\"settlement_period\":\"" + (perpetual ? "perpetual" : "month")
                + "\",\"expiration_timestamp\":" + expiry.toEpochMilli() + ",\"tick_size\":0.5,"
                + "\"min_trade_amount\":10,\"contract_size\":10}");
    }

    static final Instant JUN27 = Instant.parse("2025-06-27T08:00:00Z");
    static final Instant FAR = Instant.parse("3000-01-01T00:00:00Z");

    static List<Instrument> listed() {
        List<Instrument> l = new ArrayList<>();
        for (String name : List.of("BTC-27JUN25-110000-C", "BTC-27JUN25-100000-P", "BTC-30MAY25-120000-C",
                "BTC-27JUN25-90000-P")) {
            l.add(option(name, JUN27));
        }
        l.add(future("BTC-PERPETUAL", FAR, true));
        l.add(future("BTC-27JUN25", JUN27, false));
        return l;
    }

    static Map<String, List<DeribitBookSummary>> summaries() {
        return Map.of("BTC", DeribitRest.bookSummary(rest("get_book_summary_by_currency_option")));
    }

    @Test
    void topNOptionsByOpenInterestAndEveryFutureAndPerpetual() {
        List<DeribitBookSummary> all = summaries().get("BTC");
        List<String> expected = DeribitBookSummary.topByOpenInterest(all, 2).stream()
                .map(DeribitBookSummary::instrumentName).sorted().toList();
        DeribitTracking.Tracked t = DeribitTracking.select(List.of("BTC"), listed(), summaries(), NOW, 2);
        assertThat(t.options()).containsExactlyElementsOf(expected);
        assertThat(t.futures()).containsExactly("BTC-27JUN25");
        assertThat(t.perpetuals()).containsExactly("BTC-PERPETUAL");
        assertThat(t.currencies()).containsExactly("BTC");
        assertThat(t.all()).hasSize(4);
    }

    @Test
    void summariesOfInstrumentsNotListedAreNotTracked() {
        List<Instrument> onlyFutures = listed().subList(4, 6);
        DeribitTracking.Tracked t = DeribitTracking.select(List.of("BTC"), onlyFutures, summaries(), NOW, 50);
        assertThat(t.options()).isEmpty();
    }

    @Test
    void expiredInstrumentsAreDroppedAndNewListingsAddedAtRefresh() {
        DeribitTracking.Tracked before = DeribitTracking.select(List.of("BTC"), listed(), summaries(), NOW, 50);
        assertThat(before.options()).hasSize(4);
        Instant afterExpiry = JUN27.plusSeconds(1);
        List<Instrument> later = new ArrayList<>(listed());
        later.add(future("BTC-26SEP25", Instant.parse("2025-09-26T08:00:00Z"), false));
        later.add(option("BTC-26SEP25-150000-C", Instant.parse("2025-09-26T08:00:00Z")));
        DeribitTracking.Tracked after = DeribitTracking.refresh(before, later, afterExpiry);
        assertThat(after.options()).isEmpty(); // all June options expired; new options wait for a re-rank
        assertThat(after.futures()).containsExactly("BTC-26SEP25");
        assertThat(after.perpetuals()).containsExactly("BTC-PERPETUAL");

        DeribitTracking.Diff diff = DeribitTracking.diff(before, after);
        assertThat(diff.added()).containsExactly("BTC-26SEP25");
        assertThat(diff.removed()).containsExactly("BTC-27JUN25", "BTC-27JUN25-100000-P", "BTC-27JUN25-110000-C",
                "BTC-27JUN25-90000-P", "BTC-30MAY25-120000-C");
        assertThat(DeribitTracking.diff(after, after).isEmpty()).isTrue();
    }

    @Test
    void expiryIsInclusiveOfNow() {
        assertThat(DeribitTracking.expired(future("BTC-27JUN25", JUN27, false), JUN27)).isTrue();
        assertThat(DeribitTracking.expired(future("BTC-27JUN25", JUN27, false), JUN27.minusMillis(1))).isFalse();
        assertThat(DeribitTracking.expired(future("BTC-PERPETUAL", FAR, true), NOW)).isFalse();
    }

    @Test
    void reRankAddsNewTopOptions() {
        DeribitTracking.Tracked before = DeribitTracking.select(List.of("BTC"), listed(), summaries(), NOW, 1);
        DeribitBookSummary big = new DeribitBookSummary("BTC-26SEP25-150000-C", null, new BigDecimal("99999"),
                null, null, null, null, null, null, null);
        List<DeribitBookSummary> s = new ArrayList<>(summaries().get("BTC"));
        s.add(big);
        List<Instrument> later = new ArrayList<>(listed());
        later.add(option("BTC-26SEP25-150000-C", Instant.parse("2025-09-26T08:00:00Z")));
        DeribitTracking.Tracked after = DeribitTracking.select(List.of("BTC"), later, Map.of("BTC", s), NOW, 1);
        assertThat(after.options()).containsExactly("BTC-26SEP25-150000-C");
        assertThat(DeribitTracking.diff(before, after).added()).containsExactly("BTC-26SEP25-150000-C");
        assertThat(DeribitTracking.diff(before, after).removed()).containsExactlyElementsOf(before.options());
    }
}
