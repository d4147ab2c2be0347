package io.basis.store;

import io.basis.model.IndexPrice;
import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnchangedQuoteFilterTest {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void dropsAQuoteEqualToItsInstrumentsPreviousOneIgnoringItsTimes() {
        UnchangedQuoteFilter filter = new UnchangedQuoteFilter(100);
        OptionTicker a = quote("A", 0, "0.0105", "BTC-27DEC26");
        List<MarketEvent> in = List.of(a, quote("A", 1, "0.0105", "BTC-27DEC26"), quote("B", 1, "0.0105", "BTC-27DEC26"),
                quote("A", 2, "0.01050", "BTC-27DEC26"), quote("A", 3, "0.01050", null),
                new IndexPrice("v", "btc_usd", T0, T0, BigDecimal.ONE), new IndexPrice("v", "btc_usd", T0, T0, BigDecimal.ONE),
                quote("A", 4, "0.01050", null));
        List<MarketEvent> out = filter.filter(in);
        assertThat(out).containsExactly(in.get(0), in.get(2), in.get(3), in.get(4), in.get(5), in.get(6));
        assertThat(filter.dropped()).isEqualTo(2);
        assertThat(filter.filter(List.of(in.get(5)))).hasSize(1);
    }

    @Test
    void aReplayDropsExactlyWhatWasDroppedBeforeAndStoresNothingNew() {
        List<OptionTicker> stream = List.of(quote("A", 0, "1", null), quote("A", 1, "1", null), quote("A", 2, "2", null),
                quote("A", 3, "2", null), quote("A", 4, "1", null));
        UnchangedQuoteFilter filter = new UnchangedQuoteFilter(10);
        List<OptionTicker> first = filter.filter(stream);
        List<OptionTicker> again = filter.filter(stream);
        assertThat(first).extracting(q -> q.venueTime().getEpochSecond() - T0.getEpochSecond()).containsExactly(0L, 2L, 4L);
        assertThat(first).containsAll(again);
    }

    @Test
    void remembersAtMostItsCapacityOfInstrumentsAndThenStoresAgain() {
        UnchangedQuoteFilter filter = new UnchangedQuoteFilter(2);
        assertThat(filter.keep(quote("A", 0, "1", null))).isTrue();
        assertThat(filter.keep(quote("B", 0, "1", null))).isTrue();
        assertThat(filter.keep(quote("A", 1, "1", null))).isFalse();   // A is now the most recent
        assertThat(filter.keep(quote("C", 0, "1", null))).isTrue();    // evicts B
        assertThat(filter.keep(quote("A", 2, "1", null))).isFalse();
        assertThat(filter.keep(quote("B", 1, "1", null))).isTrue();    // forgotten: stored
    }

    private static OptionTicker quote(String symbol, long second, String bid, String index) {
        Instant t = T0.plusSeconds(second);
        return new OptionTicker("v", symbol, t, t.plusMillis(3), new BigDecimal(bid), null, null, null,
                new BigDecimal("0.011"), null, null, new BigDecimal("55.1"), null, null, null, null, null, null, null,
                index);
    }
}
