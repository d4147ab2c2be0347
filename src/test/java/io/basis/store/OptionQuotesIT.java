package io.basis.store;

import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;
import io.basis.support.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.basis.support.Fixtures.VENUE;
import static io.basis.support.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

class OptionQuotesIT extends DatabaseTestSupport {
    private static final String CALL = "BTC-27DEC26-100000-C";
    private static final String PUT = "BTC-27DEC26-90000-P";

    @Autowired OptionQuotes quotes;

    @BeforeEach
    void empty() {
        emptyDatabase();
    }

    @Test
    void latestGivesTheNewestQuoteAtOrBeforeAsOfPerSymbolWithinTheLookback() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(quote(CALL, at(i * 10L), "0.01" + i));
            events.add(quote(PUT, at(i * 10L + 5), "0.02" + i));
        }
        store(events);

        Map<String, OptionTicker> at47 = quotes.latest(VENUE, List.of(PUT, CALL, "NOPE"), at(47));
        assertThat(at47.keySet()).containsExactly(PUT, CALL);
        assertThat(at47.get(CALL).venueTime()).isEqualTo(at(40));
        assertThat(at47.get(CALL).markPrice()).isEqualTo(new BigDecimal("0.014"));
        assertThat(at47.get(PUT).venueTime()).isEqualTo(at(45));
        assertThat(quotes.latest(VENUE, List.of(CALL), at(40)).get(CALL).venueTime()).isEqualTo(at(40));
        assertThat(quotes.latest(VENUE, List.of(CALL, PUT), at(4), Duration.ofSeconds(10))).containsOnlyKeys(CALL);
        assertThat(quotes.latest(VENUE, List.of(CALL), at(-1))).isEmpty();
        assertThat(quotes.latest(VENUE, List.of(CALL), at(200), Duration.ofSeconds(60))).isEmpty();
        assertThat(quotes.latest("other", List.of(CALL), at(200))).isEmpty();
    }

    @Test
    void rangeGivesTheNewestQuotesOfOneSymbolOldestFirst() throws Exception {
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(quote(CALL, at(i), "0.01" + i));
            events.add(quote(PUT, at(i), "0.02" + i));
        }
        store(events);

        List<OptionTicker> r = quotes.range(VENUE, CALL, at(2), at(8), 3);
        assertThat(r).extracting(OptionTicker::venueTime).containsExactly(at(5), at(6), at(7));
        assertThat(r).allMatch(q -> q.symbol().equals(CALL));
        assertThat(quotes.range(VENUE, CALL, at(0), at(100), 100)).hasSize(10).isEqualTo(events.stream()
                .filter(e -> e.symbol().equals(CALL)).toList());
    }

    static OptionTicker quote(String symbol, Instant t, String mark) {
        return new OptionTicker(VENUE, symbol, t, t.plusMillis(2), new BigDecimal("0.0105"), new BigDecimal("12.5"),
                null, null, new BigDecimal(mark), new BigDecimal("55.20"), null, new BigDecimal("56.15"),
                new BigDecimal("0.21345"), new BigDecimal("0.00001234"), new BigDecimal("45.12"),
                new BigDecimal("-30.5"), new BigDecimal("12.01"), new BigDecimal("1520.3"),
                new BigDecimal("67118.12"), "BTC-27DEC26");
    }

}
