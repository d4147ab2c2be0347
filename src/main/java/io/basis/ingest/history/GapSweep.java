package io.basis.ingest.history;

import io.basis.model.EventType;
import io.basis.store.BackfillJobs;
import io.basis.store.GapLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One automatic pass over a venue's ledger rows (see {@link Backfiller}): connection-level rows expanded, every
 * open instrument-level row decided by {@link BackfillRules}, one {@code auto} job per gap to fetch (the gap claimed
 * for it, so a concurrent pass or process cannot take it too); a gap left for a manual backfill (over the maximum,
 * or under the floor of a type that is not cheap) stays open with the reason ({@link GapLedger#annotate}).
 * Remembers transient failures per gap and skips the gap until its retry time; a gap whose job has not ended yet is
 * skipped too (its release to open comes before its retry time is known). Thread-safe (passes of one venue are not
 * run concurrently by the Backfiller's loop, and claims make concurrent ones harmless).
 */
final class GapSweep {
    private static final Logger log = LoggerFactory.getLogger(GapSweep.class);
    /** Connection gaps expanded per pass, and the most open gaps a manual job's range claims at once. */
    static final int MAX_GAPS_PER_PASS = 1000;
    /** Open gaps read at a time; a pass reads them all. */
    static final int GAPS_PER_PAGE = 1000;
    /** Stream name of a book's sequence gap as the connection runtime records it: {@code book:<symbol>}. */
    static final String BOOK_STREAM_PREFIX = "book:";

    /** What a pass of one venue did. */
    record Swept(int expanded, int open, List<BackfillJobs.Job> started) {
    }

    private record Retry(String venue, int failures, Instant notBefore) {
    }

    private final BackfillProperties props;
    private final GapLedger ledger;
    private final BackfillJobs jobs;
    private final Clock clock;
    private final BackfillJobQueue queue;
    private final Function<VenueSlot, BackfillRunner> runners;
    private final Map<Long, Retry> retries = new ConcurrentHashMap<>();
    /** Gaps over the maximum already logged, by id: their venue. */
    private final Map<Long, String> manualLogged = new ConcurrentHashMap<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    GapSweep(BackfillProperties props, GapLedger ledger, BackfillJobs jobs, Clock clock, BackfillJobQueue queue,
             Function<VenueSlot, BackfillRunner> runners) {
        this.props = props;
        this.ledger = ledger;
        this.jobs = jobs;
        this.clock = clock;
        this.queue = queue;
        this.runners = runners;
    }

    Swept sweep(VenueSlot slot, Instant now) {
        int expanded = expand(slot);
        Set<Long> open = new HashSet<>();
        List<BackfillJobs.Job> started = new ArrayList<>();
        // every open gap, page by page: gaps left open for a manual backfill must not hide older ones from the
        // rules (a short trade gap ages into unfillable only when it is looked at again)
        GapLedger.Gap last = null;
        List<GapLedger.Gap> page;
        do {
            page = ledger.openStreamGaps(slot.venue(), last, GAPS_PER_PAGE);
            for (GapLedger.Gap gap : page) {
                open.add(gap.id());
                consider(slot, gap, now).ifPresent(started::add);
            }
            last = page.isEmpty() ? last : page.getLast();
        } while (page.size() == GAPS_PER_PAGE);
        forgetClosed(slot.venue(), open, now);
        return new Swept(expanded, open.size(), started);
    }

    /**
     * Drops what is remembered of the venue's gaps no longer open (the list holds every open one of the venue), so the
     * maps stay bounded. A retry is kept until its time has passed: its gap may have been released after the list
     * was read.
     */
    private void forgetClosed(String venue, Set<Long> ids, Instant now) {
        retries.entrySet().removeIf(e -> e.getValue().venue().equals(venue) && !ids.contains(e.getKey())
                && !inFlight.contains(e.getKey()) && !now.isBefore(e.getValue().notBefore()));
        manualLogged.entrySet().removeIf(e -> e.getValue().equals(venue) && !ids.contains(e.getKey()));
    }

    private Optional<BackfillJobs.Job> consider(VenueSlot slot, GapLedger.Gap gap, Instant now) {
        Optional<EventType> type = EventType.fromId(gap.eventType());
        if (type.isEmpty()) {
            ledger.markIgnored(gap.id(), "unknown event type " + gap.eventType());
            return Optional.empty();
        }
        Retry retry = retries.get(gap.id());
        if (inFlight.contains(gap.id()) || retry != null && now.isBefore(retry.notBefore())) {
            return Optional.empty();
        }
        BackfillRules.Decision d = BackfillRules.decide(slot.venue(), type.get(), gap.from(), gap.to(),
                slot.source().coverage(type.get()).orElse(null), now, props);
        switch (d.kind()) {
            case IGNORED -> ledger.markIgnored(gap.id(), d.reason());
            case UNFILLABLE -> ledger.markUnfillable(gap.id(), d.reason());
            case MANUAL -> {
                if (!d.reason().equals(gap.stateReason())) {
                    ledger.annotate(gap.id(), d.reason());   // read with the row: one write per change
                }
                if (gap.length().compareTo(props.maxGap()) > 0
                        && manualLogged.putIfAbsent(gap.id(), slot.venue()) == null) {
                    log.info("{}: gap {} ({} {} {} .. {}) {}", slot.venue(), gap.id(), gap.eventType(),
                            gap.symbol(), gap.from(), gap.to(), d.reason());
                }
            }
            case WAIT -> {
            }
            case FETCH -> {
                return fetchGap(slot, gap, type.get(), d);
            }
        }
        return Optional.empty();
    }

    private Optional<BackfillJobs.Job> fetchGap(VenueSlot slot, GapLedger.Gap gap, EventType type,
                                                BackfillRules.Decision d) {
        BackfillJobs.Created created = jobs.create(slot.venue(), gap.from(), gap.to(), List.of(type.id()),
                List.of(gap.symbol()), BackfillJobs.AUTO);
        if (created.existing()) {
            return Optional.empty();
        }
        long id = created.job().id();
        if (!inFlight.add(gap.id())) {
            jobs.cancel(id, "gap " + gap.id() + " is being backfilled");
            return Optional.empty();
        }
        if (ledger.claim(List.of(gap.id()), id).isEmpty()) {
            inFlight.remove(gap.id());
            jobs.cancel(id, "gap " + gap.id() + " was claimed by another backfill");
            return Optional.empty();
        }
        BackfillTask task = new BackfillTask(slot.venue(), gap.symbol(), type, d.from(), d.to(), gap.id(),
                d.lostReason());
        boolean queued = queue.submit(slot.venue(), id, "gap-" + gap.id(), () -> runGap(slot, id, task));
        if (!queued) {
            inFlight.remove(gap.id());
            ledger.release(gap.id(), "backfill stopped");
            jobs.cancel(id, "backfill stopped");
            return Optional.empty();
        }
        return Optional.of(created.job());
    }

    /**
     * Runs the gap's job; a transient failure (also one the runner did not survive) schedules the retry before the
     * gap can be seen again, a stop does not count as a failure.
     */
    private void runGap(VenueSlot slot, long id, BackfillTask task) throws InterruptedException {
        long gapId = task.gapId();
        boolean failed = true;
        try {
            if (!jobs.start(id)) {
                ledger.release(gapId, "backfill job " + id + " was ended before it started");
                failed = false;
                return;
            }
            failed = runners.apply(slot).run(id, List.of(task)).failed() > 0;
        } catch (InterruptedException e) {
            failed = false;
            throw e;
        } finally {
            if (failed) {
                retries.compute(gapId, (k, r) -> {
                    int failures = r == null ? 0 : r.failures();
                    return new Retry(task.venue(), failures + 1, clock.instant().plus(BackfillRules.retryDelay(failures,
                            props.retryAfter(), props.retryMax())));
                });
            } else {
                retries.remove(gapId);
            }
            inFlight.remove(gapId);
        }
    }

    /**
     * Splits the venue's connection-level gaps into tracked symbols x the types carried, or ignores one whose
     * connection carries none; returns how many were handled.
     */
    private int expand(VenueSlot slot) {
        List<String> tracked = slot.connector().symbols();
        if (tracked.isEmpty()) {
            return 0;
        }
        int n = 0;
        for (GapLedger.Gap gap : ledger.unexpanded(slot.venue(), MAX_GAPS_PER_PASS)) {
            List<GapLedger.StreamKey> keys = new ArrayList<>();
            if (gap.stream().startsWith(BOOK_STREAM_PREFIX)) {
                keys.add(new GapLedger.StreamKey(gap.stream().substring(BOOK_STREAM_PREFIX.length()),
                        EventType.BOOK_SNAPSHOT.id()));
            } else {
                for (EventType type : new TreeSet<>(slot.source().carriedBy(gap.stream()))) {
                    List<String> symbols = slot.source().coverage(type).isPresent()
                            ? slot.source().symbols(type, tracked) : tracked;
                    symbols.forEach(s -> keys.add(new GapLedger.StreamKey(s, type.id())));
                }
            }
            if (keys.isEmpty()) {
                // e.g. an instrument refresh held by a rate-limit pause, or a funding poll with no perpetual
                // tracked: no stored stream lost anything, and left open the row would be read again every pass
                // and counted open for good
                ledger.markIgnored(gap.id(), gap.stream() + " carries no stored stream of a tracked symbol");
            } else {
                ledger.expand(gap.id(), keys);
            }
            n++;
        }
        return n;
    }
}
