package io.basis.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Thins a high-rate stream to at most one value per key per interval without leaving the newest value behind: the
 * first value of an interval is kept at once (leading edge); later ones within the interval are dropped except the
 * latest, which is handed out when the interval since the last kept value has passed (trailing edge) — by
 * {@link #offer} or {@link #takeDue} when the next value of that key arrives, or by {@link #due} when asked
 * periodically. A value handed out at the trailing edge counts as kept at the edge ({@code lastKept + every}), so
 * which values come out depends only on the values' times, never on when {@link #due} is called: a live connector
 * flushing on a timer and a replay flushing at frame times keep the same values.
 *
 * <p>An interval of zero (or negative) keeps every value and remembers nothing. Times are passed in; no clock, no
 * threads. Not thread-safe: the owner synchronizes.
 *
 * @param <K> the thinning key (e.g. event type and instrument)
 * @param <V> the value held back (an event, or a marker meaning "changed since last kept")
 */
public final class IntervalSampler<K, V> {

    private static final class Slot<V> {
        Instant lastKept;
        Duration every;
        V pending;
    }

    private final Map<K, Slot<V>> slots = new HashMap<>();
    /** Keys holding a pending value, in the order they got one. */
    private final Set<K> pending = new LinkedHashSet<>();
    /** No pending value is due before this (a lower bound; null when nothing is pending). */
    private Instant nextDue;

    /**
     * A value observed at {@code at}: appends to {@code out} the key's pending value if its trailing edge has passed,
     * then {@code value} if it starts a new interval; otherwise {@code value} replaces the pending one.
     */
    public void offer(K key, V value, Instant at, Duration every, List<? super V> out) {
        V due = takeDue(key, at);
        if (due != null) {
            out.add(due);
        }
        if (offer(key, value, at, every)) {
            out.add(value);
        }
    }

    /**
     * As {@link #offer(Object, Object, Instant, Duration, List)} without the trailing edge: call {@link #takeDue}
     * first. True when {@code value} is kept now; false when it is held back as the key's pending value.
     */
    public boolean offer(K key, V value, Instant at, Duration every) {
        Objects.requireNonNull(value, "value");
        if (!every.isPositive()) {
            return true;
        }
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        slot.every = every;
        if (slot.lastKept == null || !at.isBefore(slot.lastKept.plus(every))) {
            slot.lastKept = at;
            slot.pending = null;
            pending.remove(key);
            return true;
        }
        slot.pending = value;
        if (pending.add(key)) {
            Instant edge = slot.lastKept.plus(every);
            if (nextDue == null || edge.isBefore(nextDue)) {
                nextDue = edge;
            }
        }
        return false;
    }

    /**
     * Records a value of {@code key} kept at {@code at} outside the sampler (e.g. a forced snapshot): it supersedes
     * the pending one and starts a new interval.
     */
    public void kept(K key, Instant at) {
        Slot<V> slot = slots.computeIfAbsent(key, k -> new Slot<>());
        slot.lastKept = at;
        slot.pending = null;
        pending.remove(key);
    }

    /** The key's pending value if its trailing edge is at or before {@code now} (then counted as kept), else null. */
    public V takeDue(K key, Instant now) {
        Slot<V> slot = slots.get(key);
        if (slot == null || slot.pending == null) {
            return null;
        }
        Instant edge = slot.lastKept.plus(slot.every);
        if (now.isBefore(edge)) {
            return null;
        }
        V value = slot.pending;
        slot.pending = null;
        slot.lastKept = edge;
        pending.remove(key);
        return value;
    }

    /** Every pending value whose trailing edge is at or before {@code now}, in the order the keys got one. */
    public List<V> due(Instant now) {
        if (nextDue == null || now.isBefore(nextDue)) {
            return List.of();
        }
        List<V> out = new ArrayList<>();
        Instant next = null;
        for (Iterator<K> it = pending.iterator(); it.hasNext(); ) {
            Slot<V> slot = slots.get(it.next());
            Instant edge = slot.lastKept.plus(slot.every);
            if (now.isBefore(edge)) {
                next = next == null || edge.isBefore(next) ? edge : next;
                continue;
            }
            out.add(slot.pending);
            slot.pending = null;
            slot.lastKept = edge;
            it.remove();
        }
        nextDue = next;
        return out;
    }

    /** Every pending value, due or not (end of a capture, shutdown), each counted as kept at its trailing edge. */
    public List<V> drain() {
        List<V> out = new ArrayList<>(pending.size());
        for (K key : pending) {
            Slot<V> slot = slots.get(key);
            out.add(slot.pending);
            slot.pending = null;
            slot.lastKept = slot.lastKept.plus(slot.every);
        }
        pending.clear();
        nextDue = null;
        return out;
    }

    /** Forgets the keys matching {@code which} and returns their pending values. */
    public List<V> remove(Predicate<? super K> which) {
        List<V> out = new ArrayList<>();
        for (Iterator<Map.Entry<K, Slot<V>>> it = slots.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<K, Slot<V>> e = it.next();
            if (which.test(e.getKey())) {
                if (e.getValue().pending != null) {
                    out.add(e.getValue().pending);
                    pending.remove(e.getKey());
                }
                it.remove();
            }
        }
        return out;
    }

    /** Keys holding a pending value. */
    public int pendingCount() {
        return pending.size();
    }
}
