package io.basis.ingest.history;

import io.basis.analytics.gaps.GapScanner;
import io.basis.ingest.ConnectorsStarter;
import io.basis.ingest.VenueConnector;
import io.basis.ingest.runtime.TimeSource;
import io.basis.ingest.runtime.WeightLimiter;
import io.basis.model.EventType;
import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Backfills missing history from the venues' REST endpoints, automatically and on request.
 *
 * <p><b>Sources.</b> Every running connector that offers a {@link HistorySource}
 * ({@link VenueConnector#historySource()}) - found through {@link ConnectorsStarter}, or {@link #attach attached}
 * by tests and tools. History requests go through the connector's own REST client, and first through a
 * {@link WeightLimiter} holding {@code budget-share} of each of the source's {@link HistorySource#budgets() budgets}:
 * backfill never takes more than that share of a venue's limit, the rest stays for live polls, and 429/418 pauses
 * are the venue's (shared) ones.
 *
 * <p><b>Automatic loop</b> (every {@code period}, when {@code enabled}): connection-level ledger rows are expanded
 * into the venue's tracked symbols x the types that connection carried ({@link HistorySource#carriedBy};
 * {@code book:<symbol>} rows into that book only); every open instrument-level row gets a {@link BackfillRules}
 * decision: fetch (one {@code auto} job per gap, the gap claimed for it), unfillable/ignored with the reason, left
 * open for a manual backfill with the reason (its served part over {@code max-gap}, or under {@code min-gap} for a
 * type that is not cheap: {@link GapLedger#annotate}), or left alone (not ended). A gap whose fetch failed
 * transiently is released and retried after {@code retry-after} doubling up to {@code retry-max}. At most
 * {@code concurrency-per-venue} jobs of a venue run at once; the others queue. One venue's failing pass does not
 * hold back the others.
 *
 * <p><b>Start-up.</b> The first time a connector is seen started, the last {@code startup-funding} of funding history
 * is fetched for its perpetuals ({@code startup} job) - unless its source already does that itself
 * ({@link HistorySource#fetchesFundingAtStart()}: Deribit). Downtime gaps ({@code process-down}, written by the
 * ledger's start-up detection) are ordinary ledger rows for the loop.
 *
 * <p>Thread-safe. Jobs run on virtual threads. A job always ends: one that throws ends {@code failed}, one stopped
 * by {@link #close()} while queued or running ends {@code cancelled}, and the gaps it claimed go back to open.
 */
@Component
public class Backfiller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Backfiller.class);
    private static final Duration FIRST_PASS = Duration.ofSeconds(5);
    /** How long {@link #close()} lets interrupted jobs give their gaps back before the database goes away. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /**
     * A manual backfill.
     *
     * @param venue   venue id, or null for every venue with a running history source
     * @param from    start, inclusive
     * @param to      end, exclusive
     * @param types   event types; empty = every type the venue serves
     * @param symbols venue symbols; empty = the connector's tracked symbols (per type, e.g. perpetuals for funding)
     * @param origin  {@link BackfillJobs#API}, {@link BackfillJobs#CLI}, ...
     */
    public record Request(String venue, Instant from, Instant to, Set<EventType> types, List<String> symbols,
                          String origin) {
        public Request {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(origin, "origin");
            types = types == null ? Set.of() : Set.copyOf(types);
            symbols = symbols == null ? List.of() : List.copyOf(symbols);
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("backfill range is empty: " + from + " .. " + to);
            }
        }
    }

    /**
     * What {@link #gapCheck()} did.
     *
     * @param expanded connection-level gaps split into per-stream rows
     * @param open     open instrument-level gaps found
     * @param started  jobs started (or joined) for them
     */
    public record GapCheck(Instant at, int expanded, int open, List<BackfillJobs.Job> started) {
    }

    private final BackfillProperties props;
    private final GapLedger ledger;
    private final BackfillJobs jobs;
    private final EventWriter writer;
    private final RangeRowCounter counter;
    private final TimeSource time;
    private final Clock clock;
    private final ObjectProvider<ConnectorsStarter> starter;
    private final ObjectProvider<GapScanner> scanners;
    private final Map<String, VenueSlot> venues = new ConcurrentHashMap<>();
    private final BackfillJobQueue queue;
    private final GapSweep sweep;
    private volatile ScheduledExecutorService loop;

    public Backfiller(BackfillProperties props, GapLedger ledger, BackfillJobs jobs, EventWriter writer,
                      DataSource dataSource, TimeSource time, Clock clock, ObjectProvider<ConnectorsStarter> starter,
                      ObjectProvider<GapScanner> scanners) {
        this.props = props;
        this.ledger = ledger;
        this.jobs = jobs;
        this.writer = writer;
        this.counter = new RangeRowCounter(dataSource);
        this.time = time;
        this.clock = clock;
        this.starter = starter;
        this.scanners = scanners;
        this.queue = new BackfillJobQueue(props.concurrencyPerVenue(), this::abandoned);
        this.sweep = new GapSweep(props, ledger, jobs, clock, queue, this::runner);
    }

    // ---- manual entry points (API, CLI) ----

    /**
     * Queues a backfill of the request's range, one job per venue, and returns the jobs at once (a request for work
     * already queued or running joins that job: {@link BackfillJobs#create}). Progress: {@link #job(long)}. Parts
     * older than a type's history window are skipped (logged); a range entirely beyond it fetches nothing. Open
     * ledger gaps the range covers entirely are claimed for the job and end filled ({@link CoveredGaps}).
     *
     * @throws IllegalArgumentException a venue without a running history source, or a type it does not serve
     */
    public List<BackfillJobs.Job> start(Request request) {
        refreshVenues();
        List<VenueSlot> targets = new ArrayList<>();
        if (request.venue() != null) {
            VenueSlot slot = venues.get(request.venue());
            if (slot == null) {
                throw new IllegalArgumentException("no running history source for venue '" + request.venue()
                        + "'; running: " + new TreeSet<>(venues.keySet()));
            }
            for (EventType t : request.types()) {
                if (slot.source().coverage(t).isEmpty()) {
                    throw new IllegalArgumentException(request.venue() + " serves no history of " + t.id()
                            + "; it serves " + ids(slot.source().types()));
                }
            }
            targets.add(slot);
        } else {
            targets.addAll(venues.values());
            if (targets.isEmpty()) {
                throw new IllegalArgumentException("no venue with a running history source");
            }
        }
        List<BackfillJobs.Job> out = new ArrayList<>();
        for (VenueSlot slot : targets) {
            Set<EventType> types = request.types().isEmpty() ? slot.source().types()
                    : request.types().stream().filter(t -> slot.source().coverage(t).isPresent())
                    .collect(Collectors.toSet());
            if (types.isEmpty()) {
                continue;
            }
            BackfillJobs.Created created = jobs.create(slot.venue(), request.from(), request.to(),
                    ids(request.types()), request.symbols(), request.origin());
            out.add(created.job());
            if (!created.existing()) {
                long id = created.job().id();
                if (!queue.submit(slot.venue(), id, "job-" + id, () -> runRange(slot, id, request, types))) {
                    jobs.cancel(id, "backfill stopped");
                }
            }
        }
        return out;
    }

    /**
     * The open ledger gaps of a manual backfill run as several jobs ({@code basis backfill}: one per type × symbol ×
     * UTC day), so a gap spanning several jobs is filled too: measured before the jobs run, settled once every job of
     * the range has completed.
     */
    public interface RangeGaps {
        /** How many gaps lie inside the range. */
        int size();

        /**
         * Settles the gaps still open (those inside one job were settled by it), claimed for {@code jobId} when
         * given, with the rows recovered in each gap's range (stored rows now minus when measured): unfillable with
         * the reason when the gap overlaps a range the venue did not serve, else filled.
         *
         * @return the gaps filled
         */
        int fill(Long jobId, List<NotServed> notServed);
    }

    /** A range of a manual backfill the venue refused or no longer serves, with its reason. */
    public record NotServed(Instant from, Instant to, String reason) {
        boolean overlaps(Instant gapFrom, Instant gapTo) {
            return gapFrom.isBefore(to) && from.isBefore(gapTo);
        }
    }

    /**
     * The open gaps of the venue's {@code symbol} and {@code type} lying entirely inside the part of [from, to) the
     * venue still serves, with their stored rows now (see {@link RangeGaps}).
     *
     * @throws IllegalArgumentException a venue without a history source, or a type it does not serve
     */
    public RangeGaps rangeGaps(String venue, EventType type, String symbol, Instant from, Instant to) {
        VenueSlot slot = venues.get(venue);
        if (slot == null) {
            throw new IllegalArgumentException("no history source for venue '" + venue + "'");
        }
        HistorySource.Coverage coverage = slot.source().coverage(type).orElseThrow(() ->
                new IllegalArgumentException(venue + " serves no history of " + type.id()));
        BackfillRules.Decision d = BackfillRules.clip(venue, type, from, to, coverage, clock.instant());
        if (d.kind() != BackfillRules.Kind.FETCH) {
            return CoveredGaps.measure(ledger, counter, List.of());
        }
        return CoveredGaps.measure(ledger, counter, List.of(new BackfillTask(venue, symbol, type, d.from(), d.to(),
                null, null)));
    }

    /** A job by id: state, requests done/total, rows recovered, ETA ({@link BackfillJobs.Job#eta}). */
    public Optional<BackfillJobs.Job> job(long id) {
        return jobs.get(id);
    }

    /**
     * Looks for gaps now - the stored-data scan ({@link GapScanner#scan}) of the venues with a history source,
     * connection-level rows expanded, every open gap evaluated - and starts the backfills the rules allow, without
     * waiting for them; for {@code POST /gap-check}. Works with the automatic loop disabled too.
     */
    public GapCheck gapCheck() {
        GapScanner scanner = scanners.getIfAvailable();
        if (scanner != null) {
            refreshVenues();
            scanner.scan(List.copyOf(venues.keySet()), clock.instant());
        }
        return pass();
    }

    /**
     * Adds a connector's history source (tests, tools such as {@code basis backfill}), without any start-up work;
     * close the handle to remove it.
     */
    public AutoCloseable attach(VenueConnector connector) {
        return attach(connector, false);
    }

    /**
     * Adds a connector that has just started, as the loop does for {@link ConnectorsStarter}'s: its source, and the
     * start-up funding backfill ({@code startup-funding}, when enabled and the connector does not do it itself).
     */
    public AutoCloseable connectorStarted(VenueConnector connector) {
        return attach(connector, true);
    }

    private AutoCloseable attach(VenueConnector connector, boolean startUp) {
        HistorySource source = connector.historySource().orElseThrow(() -> new IllegalArgumentException(
                connector.venue() + " has no history source"));
        VenueSlot slot = slot(connector, source);
        venues.put(slot.venue(), slot);
        if (startUp) {
            startupFunding(slot);
        }
        return () -> venues.remove(slot.venue(), slot);
    }

    /** The venues with a history source now (running connectors seen so far and attached ones). */
    public Set<String> venues() {
        return Set.copyOf(venues.keySet());
    }

    /** Waits until no job is queued or running (tests, shutdown); false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return queue.awaitIdle(timeout);
    }

    // ---- the automatic pass ----

    /**
     * One automatic pass now, without the scan: connection-level rows expanded, every open gap decided, jobs started
     * (not awaited: {@link #awaitIdle}). What the loop runs every {@code period}; for tests and tools.
     */
    public GapCheck pass() {
        refreshVenues();
        Instant now = clock.instant();
        int expanded = 0;
        int open = 0;
        List<BackfillJobs.Job> started = new ArrayList<>();
        for (VenueSlot slot : venues.values()) {
            try {
                GapSweep.Swept swept = sweep.sweep(slot, now);
                expanded += swept.expanded();
                open += swept.open();
                started.addAll(swept.started());
            } catch (RuntimeException e) {   // one venue's failure must not hold back the others
                log.warn("{}: backfill pass failed: {}", slot.venue(), e.toString());
            }
        }
        return new GapCheck(now, expanded, open, started);
    }

    private void runRange(VenueSlot slot, long id, Request request, Set<EventType> types)
            throws InterruptedException {
        if (!jobs.start(id)) {
            return;   // ended while queued (e.g. an interrupted basis backfill cancelled it)
        }
        Instant now = clock.instant();
        List<BackfillTask> tasks = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (EventType type : new TreeSet<>(types)) {
            HistorySource.Coverage coverage = slot.source().coverage(type).orElseThrow();
            BackfillRules.Decision d = BackfillRules.clip(slot.venue(), type, request.from(), request.to(), coverage,
                    now);
            if (d.kind() != BackfillRules.Kind.FETCH) {
                log.info("{}: backfill job {}: {} skipped: {}", slot.venue(), id, type.id(), d.reason());
                skipped.add(type.id() + ": " + d.reason());
                continue;
            }
            List<String> symbols = request.symbols().isEmpty()
                    ? slot.source().symbols(type, slot.connector().symbols()) : request.symbols();
            for (String symbol : symbols) {
                tasks.add(new BackfillTask(slot.venue(), symbol, type, d.from(), d.to(), null, d.lostReason()));
            }
        }
        CoveredGaps covered = CoveredGaps.claim(ledger, counter, id, tasks);
        try {
            covered.settle(runner(slot).run(id, tasks, skipped));
        } catch (InterruptedException | RuntimeException e) {
            covered.release("backfill stopped");
            throw e;
        }
    }

    /** Picks up connectors ConnectorsStarter has started since the last look. */
    private void refreshVenues() {
        ConnectorsStarter s = starter.getIfAvailable();
        if (s == null) {
            return;
        }
        for (VenueConnector c : s.connectors()) {
            if (venues.containsKey(c.venue()) || c.symbols().isEmpty()) {
                continue;
            }
            c.historySource().ifPresent(source -> {
                VenueSlot slot = slot(c, source);
                if (venues.putIfAbsent(slot.venue(), slot) == null) {
                    startupFunding(slot);
                }
            });
        }
    }

    /** The last {@code startup-funding} of funding for the venue's perpetuals, unless its connector does it. */
    private void startupFunding(VenueSlot slot) {
        HistorySource source = slot.source();
        if (!props.enabled() || !props.startupFunding().isPositive() || source.fetchesFundingAtStart()
                || source.coverage(EventType.FUNDING_RATE).isEmpty()) {
            return;
        }
        List<String> perpetuals = source.symbols(EventType.FUNDING_RATE, slot.connector().symbols());
        if (perpetuals.isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        try {
            start(new Request(slot.venue(), now.minus(props.startupFunding()), now, Set.of(EventType.FUNDING_RATE),
                    perpetuals, BackfillJobs.STARTUP));
        } catch (RuntimeException e) {   // called from a pass or a request, which must go on
            log.warn("{}: start-up funding backfill not started: {}", slot.venue(), e.toString());
        }
    }

    private VenueSlot slot(VenueConnector connector, HistorySource source) {
        WeightLimiter limiter = new WeightLimiter(BackfillRules.share(source.budgets(), props.budgetShare()), time);
        return new VenueSlot(connector.venue(), connector, source, limiter::acquire);
    }

    private BackfillRunner runner(VenueSlot slot) {
        return new BackfillRunner(slot.source(), slot.throttle(), writer, counter, ledger, jobs, clock);
    }

    /** A job that threw or never got to run: ended, and every gap it claimed open again. */
    private void abandoned(long jobId, boolean failed, String reason) {
        if (failed) {
            jobs.fail(jobId, reason);
        } else {
            jobs.cancel(jobId, reason);
        }
        ledger.releaseJob(jobId, failed ? "backfill failed: " + reason : reason);
    }

    // ---- lifecycle ----

    /**
     * Starts the automatic loop once the application is ready: after the start-up check ({@code DowntimeCheck}) has
     * recorded the downtime gaps and reopened what a crash left backfilling.
     */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void startLoop() {
        if (!props.enabled() || loop != null) {
            return;
        }
        ScheduledExecutorService s = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("basis-backfill").daemon(true).factory());
        loop = s;
        long period = props.period().toMillis();
        s.scheduleWithFixedDelay(() -> {
            try {
                pass();
            } catch (RuntimeException e) {
                log.warn("backfill pass failed: {}", e.toString());
            }
        }, Math.min(period, FIRST_PASS.toMillis()), period, TimeUnit.MILLISECONDS);
    }

    /** Stops the loop and the jobs, waiting up to {@link #CLOSE_WAIT} for them to give their gaps back. */
    @Override
    public void close() {
        ScheduledExecutorService s = loop;
        loop = null;
        if (s != null) {
            s.shutdownNow();
        }
        queue.close();
        try {
            if (!queue.awaitIdle(CLOSE_WAIT)) {
                log.warn("backfill jobs still stopping after {}; the start-up check reopens their gaps", CLOSE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<String> ids(Collection<EventType> types) {
        List<String> out = new ArrayList<>();
        types.forEach(t -> out.add(t.id()));
        return out;
    }
}
