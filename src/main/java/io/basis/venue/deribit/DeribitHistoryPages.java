package io.basis.venue.deribit;

import io.basis.model.Liquidation;
import io.basis.model.MarketEvent;
import io.basis.model.Trade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The paging rules of {@link DeribitHistory}, pure: which windows to ask for and, for trades, where the next page
 * starts and which trades of a page were handed on before. No I/O; not thread-safe (one history run owns each
 * cursor).
 */
final class DeribitHistoryPages {

    /** One request window, both ends inclusive (the venue's windows are), in ms. */
    record Window(long start, long end) {
        Instant startTime() {
            return Instant.ofEpochMilli(start);
        }

        Instant endTime() {
            return Instant.ofEpochMilli(end);
        }

        boolean contains(Instant t) {
            long ms = t.toEpochMilli();
            return ms >= start && ms <= end;
        }
    }

    private DeribitHistoryPages() {
    }

    /**
     * [from, to) cut into windows of at most {@code maxRows} rows {@code step} apart, the first starting at
     * {@code from} rounded down to a multiple of {@code step} since the epoch when {@code align}; consecutive
     * windows neither overlap nor leave a millisecond out. Empty when the range is.
     */
    static List<Window> windows(Instant from, Instant to, Duration step, int maxRows, boolean align) {
        if (maxRows < 1 || !step.isPositive()) {
            throw new IllegalArgumentException("need a positive step and row limit: " + step + ", " + maxRows);
        }
        long stepMs = step.toMillis();
        long start = align ? Math.floorDiv(from.toEpochMilli(), stepMs) * stepMs : from.toEpochMilli();
        long end = to.toEpochMilli();
        long span = Math.multiplyExact(stepMs, maxRows);
        List<Window> out = new ArrayList<>();
        for (long s = start; s < end; s += span) {
            out.add(new Window(s, Math.min(s + span, end) - 1));
        }
        return out;
    }

    /**
     * Total requests a run will make, estimated from those made so far and the share of [from, to) they covered
     * ({@code reached}: how far an ascending run got; a descending run covers [reached, to)). At least
     * {@code requests}.
     */
    static int estimate(int requests, Instant from, Instant to, Instant reached, boolean descending) {
        long total = to.toEpochMilli() - from.toEpochMilli();
        long covered = descending ? to.toEpochMilli() - reached.toEpochMilli()
                : reached.toEpochMilli() - from.toEpochMilli();
        if (total <= 0 || covered >= total) {
            return requests;
        }
        if (covered <= 0) {
            return requests + 1;
        }
        return (int) Math.max(requests, Math.min(Integer.MAX_VALUE, Math.ceil(requests * (double) total / covered)));
    }

    /**
     * Where the trade pages of one window stand. Ascending pages of at most {@code pageSize} continue from the last
     * trade's millisecond while the venue says {@code has_more}; the trades of that millisecond already handed on are
     * remembered by id and dropped when the next page repeats them. A full page entirely inside one millisecond
     * (at least a page of trades in one ms) cannot move on by time: the cursor then asks for that
     * millisecond newest first, hands on what is new, counts the millisecond as possibly incomplete when the two
     * pages did not meet (trades between them were not served), and moves on one millisecond.
     */
    static final class TradeCursor {
        private final long end;
        private final int pageSize;
        private final Set<String> handedOn = new HashSet<>();
        private long start;
        private boolean stalled;
        private boolean done;
        private int incompleteMillis;

        /** Trades of [start, end] (ms, inclusive). */
        TradeCursor(long start, long end, int pageSize) {
            if (pageSize < 1) {
                throw new IllegalArgumentException("page size must be positive: " + pageSize);
            }
            this.start = start;
            this.end = end;
            this.pageSize = pageSize;
            this.done = start > end;
        }

        boolean done() {
            return done;
        }

        /** The next request's window: [start, end] ascending, or [start, start] newest first after a stall. */
        Window window() {
            return stalled ? new Window(start, start) : new Window(start, end);
        }

        boolean ascending() {
            return !stalled;
        }

        /** Where the run has got to: nothing before it is left to fetch. */
        Instant reached() {
            return Instant.ofEpochMilli(done ? end + 1 : start);
        }

        /** Milliseconds whose trades did not fit two pages, so some may be missing. */
        int incompleteMillis() {
            return incompleteMillis;
        }

        /**
         * The reply to {@link #window()} (its events in reply order, each trade followed by its liquidations) →
         * the events not handed on before, oldest first.
         */
        List<MarketEvent> accept(List<MarketEvent> events, boolean hasMore) {
            if (done) {
                throw new IllegalStateException("cursor is done");
            }
            return stalled ? acceptNewestFirst(events, hasMore) : acceptAscending(events, hasMore);
        }

        private List<MarketEvent> acceptAscending(List<MarketEvent> events, boolean hasMore) {
            List<MarketEvent> out = fresh(events);
            List<Trade> trades = trades(events);
            if (!hasMore || trades.isEmpty()) {
                done = true;
                return out;
            }
            long first = trades.getFirst().venueTime().toEpochMilli();
            long last = trades.getLast().venueTime().toEpochMilli();
            boolean moved = last > start;
            if (moved) {
                start = last;
                handedOn.clear();
            }
            for (Trade t : trades) {
                if (t.venueTime().toEpochMilli() == start) {
                    handedOn.add(t.tradeId());
                }
            }
            if (first == last && trades.size() >= pageSize) {
                stalled = true;
            } else if (!moved) {
                done = true;
            }
            return out;
        }

        private List<MarketEvent> acceptNewestFirst(List<MarketEvent> events, boolean hasMore) {
            List<Trade> trades = trades(events);
            boolean met = trades.stream().anyMatch(t -> handedOn.contains(t.tradeId()));
            if (hasMore && !met) {
                incompleteMillis++;
            }
            List<List<MarketEvent>> groups = groups(fresh(events));
            List<MarketEvent> out = new ArrayList<>();
            for (int i = groups.size() - 1; i >= 0; i--) {
                out.addAll(groups.get(i));
            }
            stalled = false;
            handedOn.clear();
            start++;
            done = start > end;
            return out;
        }

        /** The events whose trade lies in the window and was not handed on yet. */
        private List<MarketEvent> fresh(List<MarketEvent> events) {
            List<MarketEvent> out = new ArrayList<>(events.size());
            boolean keep = false;
            for (MarketEvent e : events) {
                if (e instanceof Trade t) {
                    long ms = t.venueTime().toEpochMilli();
                    keep = ms >= start && ms <= end && !(ms == start && handedOn.contains(t.tradeId()));
                }
                if (keep && (e instanceof Trade || e instanceof Liquidation)) {
                    out.add(e);
                }
            }
            return out;
        }

        private static List<List<MarketEvent>> groups(List<MarketEvent> events) {
            List<List<MarketEvent>> out = new ArrayList<>();
            for (MarketEvent e : events) {
                if (e instanceof Trade || out.isEmpty()) {
                    out.add(new ArrayList<>());
                }
                out.getLast().add(e);
            }
            return out;
        }

        private static List<Trade> trades(List<MarketEvent> events) {
            return events.stream().filter(Trade.class::isInstance).map(Trade.class::cast).toList();
        }
    }
}
