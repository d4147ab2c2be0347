package io.basis.store;

import io.basis.model.MarketEvent;
import io.basis.model.OptionTicker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Change-only storage of option quotes: drops an {@link OptionTicker} whose stored fields (all but venue time and
 * receive time) equal those of the previous quote of the same instrument that passed through this filter, stored
 * or dropped. Every other event passes untouched.
 *
 * <p>Comparing with the immediate predecessor, not with the newest stored quote, keeps the filter idempotent: a
 * replay of quotes already stored drops exactly the quotes that were dropped the first time (and possibly its first
 * quote, which is stored already), and never stores a quote that was dropped before. A dropped quote always equals
 * a quote handed on before it, so nothing that changed is lost. Decimals compare with {@code equals}, so a value
 * that changes only its scale ({@code 1.0} to {@code 1.00}) is a change.
 *
 * <p>Memory is bounded: at most {@code capacity} instruments are remembered, least recently quoted evicted first;
 * the next quote of an evicted instrument, like the first quote after a restart, is simply stored. Used by the
 * writer thread only; not thread-safe.
 */
final class UnchangedQuoteFilter {
    private record Key(String venue, String symbol) {
    }

    private final Map<Key, OptionTicker> previous;
    private long dropped;

    UnchangedQuoteFilter(int capacity) {
        this.previous = new LinkedHashMap<>(Math.min(capacity, 4096), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, OptionTicker> eldest) {
                return size() > capacity;
            }
        };
    }

    /** True if the event is to be stored. */
    boolean keep(MarketEvent event) {
        if (!(event instanceof OptionTicker q)) {
            return true;
        }
        OptionTicker before = previous.put(new Key(q.venue(), q.symbol()), q);
        if (before != null && sameStoredFields(before, q)) {
            dropped++;
            return false;
        }
        return true;
    }

    /** The events to store, in order; {@code events} itself when nothing is dropped. */
    <E extends MarketEvent> List<E> filter(List<E> events) {
        List<E> out = null;
        for (int i = 0; i < events.size(); i++) {
            E e = events.get(i);
            boolean keep = keep(e);
            if (!keep && out == null) {
                out = new ArrayList<>(events.subList(0, i));
            } else if (keep && out != null) {
                out.add(e);
            }
        }
        return out == null ? events : out;
    }

    /** Quotes dropped since this filter was created. */
    long dropped() {
        return dropped;
    }

    static boolean sameStoredFields(OptionTicker a, OptionTicker b) {
        return Objects.equals(a.markPrice(), b.markPrice()) && Objects.equals(a.bidPrice(), b.bidPrice())
                && Objects.equals(a.askPrice(), b.askPrice()) && Objects.equals(a.bidAmount(), b.bidAmount())
                && Objects.equals(a.askAmount(), b.askAmount()) && Objects.equals(a.markIv(), b.markIv())
                && Objects.equals(a.bidIv(), b.bidIv()) && Objects.equals(a.askIv(), b.askIv())
                && Objects.equals(a.delta(), b.delta()) && Objects.equals(a.gamma(), b.gamma())
                && Objects.equals(a.vega(), b.vega()) && Objects.equals(a.theta(), b.theta())
                && Objects.equals(a.rho(), b.rho()) && Objects.equals(a.openInterest(), b.openInterest())
                && Objects.equals(a.underlyingPrice(), b.underlyingPrice())
                && Objects.equals(a.underlyingIndex(), b.underlyingIndex());
    }
}
