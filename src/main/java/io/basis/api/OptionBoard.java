package io.basis.api;

import io.basis.model.Instrument;
import io.basis.model.OptionTicker;
import io.basis.model.OptionType;
import io.basis.store.MarketQueries;
import io.basis.store.OptionQuotes;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracked options of one currency at one instant, with their quotes, grouped by expiry: the options venue's
 * listed options on that base asset that have not expired at {@code asOf} and have a quote in the
 * {@link OptionQuotes#DEFAULT_LOOKBACK} before it (the options the connector collects). Listed options without
 * such a quote are counted, not returned. One instrument read and one index probe per option.
 */
@Component
public class OptionBoard {
    /** One option and its newest quote at or before the board's instant. */
    public record Quoted(Instrument instrument, OptionTicker quote) {
    }

    /** The quoted options of one expiry, by strike, calls before puts. */
    public record Expiry(Instant expiry, List<Quoted> options) {
        /** The newest quote's underlying price, the expiry's forward as the venue prices it; null if none has one. */
        public Quoted newest() {
            Quoted best = null;
            for (Quoted q : options) {
                if (q.quote().underlyingPrice() != null
                        && (best == null || q.quote().venueTime().isAfter(best.quote().venueTime()))) {
                    best = q;
                }
            }
            return best;
        }
    }

    /** @param listed unexpired listed options matching the filters, quoted or not */
    public record Board(String venue, String currency, Instant asOf, int listed, List<Expiry> expiries) {
        public int quoted() {
            return expiries.stream().mapToInt(e -> e.options().size()).sum();
        }
    }

    private final MarketQueries market;
    private final OptionQuotes quotes;

    public OptionBoard(MarketQueries market, OptionQuotes quotes) {
        this.market = market;
        this.quotes = quotes;
    }

    /**
     * @param expiry only options expiring on this UTC date, or null for all
     * @param type   only calls or only puts, or null for both
     */
    public Board read(String currency, Instant asOf, LocalDate expiry, OptionType type) {
        String venue = MarketScopes.OPTIONS_VENUE;
        List<Instrument> listed = new ArrayList<>();
        for (Instrument i : market.options(venue, currency, asOf)) {
            if ((expiry == null || expiry.equals(LocalDate.ofInstant(i.expiry(), ZoneOffset.UTC)))
                    && (type == null || type == i.optionType())) {
                listed.add(i);
            }
        }
        Map<String, OptionTicker> latest = quotes.latest(venue, listed.stream().map(Instrument::symbol).toList(),
                asOf);
        Map<Instant, List<Quoted>> byExpiry = new LinkedHashMap<>();
        for (Instrument i : listed) {
            OptionTicker q = latest.get(i.symbol());
            if (q != null) {
                byExpiry.computeIfAbsent(i.expiry(), e -> new ArrayList<>()).add(new Quoted(i, q));
            }
        }
        List<Expiry> expiries = new ArrayList<>();
        byExpiry.forEach((e, options) -> expiries.add(new Expiry(e, List.copyOf(options))));
        return new Board(venue, currency, asOf, listed.size(), List.copyOf(expiries));
    }
}
