package io.basis.cli;

import io.basis.ingest.VenueConnector;
import io.basis.ingest.VenueModule;
import io.basis.ingest.VenueModules;
import io.basis.ingest.history.Backfiller;
import io.basis.ingest.history.HistorySource;
import io.basis.ingest.runtime.FrameTap;
import io.basis.model.EventType;
import io.basis.store.BackfillJobs;
import io.basis.store.CompletedBackfills;
import io.basis.store.EventQueries;
import io.basis.store.GapLedger;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * {@code basis backfill --venue <id> --from <instant> --to <instant> [--types ...] [--symbols ...]}: fetches the
 * venue's history of the range into the configured database without the web server or live collection. The venue's
 * connector is only prepared for history ({@link VenueConnector#prepareHistory()}: instruments and tracked symbols
 * over its REST client with its rate budgets and 429/418 pauses; no stream opened, no poll registered); its
 * {@link HistorySource} is attached to the {@link Backfiller}, which runs one job per {@link BackfillPlan unit} (type × symbol × UTC day).
 * Units completed before - by an interrupted run of the same command - are skipped: the command resumes. Open ledger
 * gaps of a type and symbol lying inside the range are filled once all its units have completed (a gap inside one
 * unit by that unit's job, one spanning several days by the command: {@link Backfiller#rangeGaps}).
 * Progress: requests, rows and ETA on one updating line on a terminal, plain lines every 10 s otherwise.
 * Exit codes: 0 all units completed (a range the venue refused or no longer serves is listed as "not served" - a
 * rerun would get the same answer), 1 some failed (run again to retry them), 2 bad arguments.
 */
public final class BackfillCommand {
    private static final Duration POLL = Duration.ofMillis(200);

    private final PrintStream out;
    private final PrintStream err;
    private final ProgressLine progress;
    private final Clock clock;
    private final BiFunction<ConfigurableApplicationContext, VenueModule, VenueConnector> connectors;
    private final Duration abandonedAfter;
    /** The job being followed, cancelled if the command is interrupted (Ctrl-C). */
    private volatile Long currentJob;

    public BackfillCommand(PrintStream out) {
        this(out, System.err, new ProgressLine(out, ProgressLine.stdoutIsTerminal(), Duration.ofSeconds(10)),
                Clock.systemUTC(), (ctx, module) -> ToolContext.connector(ctx, module, FrameTap.NONE),
                BackfillJobs.ABANDONED_AFTER);
    }

    /**
     * @param connectors     builds the venue's connector (neither started nor prepared) in the tool context
     * @param abandonedAfter how long a job an earlier run left running may show no progress before it is taken over
     */
    BackfillCommand(PrintStream out, PrintStream err, ProgressLine progress, Clock clock,
                    BiFunction<ConfigurableApplicationContext, VenueModule, VenueConnector> connectors,
                    Duration abandonedAfter) {
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.clock = clock;
        this.connectors = connectors;
        this.abandonedAfter = abandonedAfter;
    }

    public int run(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(BackfillArguments.USAGE);
            return 0;
        }
        BackfillArguments a;
        try {
            a = BackfillArguments.parse(args, clock);
        } catch (BackfillArguments.Invalid e) {
            return usage(e.getMessage());
        }
        VenueModule module = VenueModules.byId(a.venue()).orElse(null);
        if (module == null) {
            return usage("--venue: no connector for venue '" + a.venue() + "' (known: "
                    + VenueModules.all().stream().map(VenueModule::id).toList() + ")");
        }
        List<String> spring = new ArrayList<>(a.springArgs());
        // only this command's jobs: no automatic loop; the service (if running on the same database) owns
        // downtime detection and the crash recovery of its jobs
        defaultTo(spring, "--basis.backfill.enabled=false");
        defaultTo(spring, "--basis.gaps.startup-check.enabled=false");
        try (ConfigurableApplicationContext ctx = ToolContext.start(spring);
             VenueConnector connector = connectors.apply(ctx, module)) {
            HistorySource source = connector.historySource().orElse(null);
            if (source == null) {
                return usage("--venue: " + a.venue() + " serves no history to backfill from");
            }
            try {
                // never start(): live streams and polls would write (and record gaps) while the command backfills
                connector.prepareHistory();
            } catch (Exception e) {
                err.println("basis backfill: cannot reach " + a.venue() + ": " + e.getMessage());
                return 1;
            }
            Map<String, List<String>> symbols = new LinkedHashMap<>();
            for (String id : a.types().isEmpty() ? ids(source.types()) : a.types()) {
                EventType type = EventType.fromId(id).orElseThrow();
                if (!source.types().contains(type)) {
                    return usage("--types: " + a.venue() + " serves no history of " + id + " (it serves: "
                            + String.join(", ", ids(source.types())) + ")");
                }
                symbols.put(id, source.symbols(type, a.symbols().isEmpty() ? connector.symbols() : a.symbols()));
            }
            EventQueries stored = ctx.getBean(EventQueries.class);
            List<String> unknown = a.symbols().stream().filter(sym -> symbols.values().stream()
                    .noneMatch(l -> l.contains(sym)) || (!connector.symbols().contains(sym)
                    && stored.instruments(a.venue(), sym).isEmpty())).toList();
            if (!unknown.isEmpty()) {
                return usage("--symbols: " + a.venue() + " has no history of " + String.join(", ", unknown)
                        + " for " + String.join(", ", symbols.keySet()));
            }
            return backfill(ctx, a, source, connector, symbols);
        }
    }

    private int backfill(ConfigurableApplicationContext ctx, BackfillArguments a, HistorySource source,
                         VenueConnector connector, Map<String, List<String>> symbols) throws Exception {
        Backfiller backfiller = ctx.getBean(Backfiller.class);
        List<CompletedBackfills.Unit> units = BackfillPlan.units(symbols, a.from(), a.to());
        Set<CompletedBackfills.Unit> done = new CompletedBackfills(ctx.getBean(DataSource.class))
                .within(a.venue(), a.from(), a.to());
        List<CompletedBackfills.Unit> pending = BackfillPlan.pending(units, done);
        long total = 0;
        for (CompletedBackfills.Unit u : pending) {
            total += source.estimateRequests(EventType.fromId(u.eventType()).orElseThrow(), u.symbol(), u.from(),
                    u.to());
        }
        out.printf("backfill  : %s [%s, %s) %s, %d symbols: %d units%s%n", a.venue(), a.from(), a.to(),
                symbols.keySet(), symbols.values().stream().mapToInt(List::size).max().orElse(0), units.size(),
                units.size() == pending.size() ? "" : " (" + (units.size() - pending.size())
                        + " done before: resuming)");
        Run run = new Run(total, System.nanoTime(), clock.instant());
        List<String> failures = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        BackfillJobs jobs = ctx.getBean(BackfillJobs.class);
        GapLedger ledger = ctx.getBean(GapLedger.class);
        Thread interrupted = new Thread(() -> {
            Long id = currentJob;
            if (id != null) {
                try {
                    jobs.cancel(id, "basis backfill interrupted");
                } catch (RuntimeException databaseGone) {
                    // a later run takes the job over once it shows no progress
                }
            }
            out.printf("%ninterrupted: completed units are kept; run the same command again to resume%n");
        });
        Runtime.getRuntime().addShutdownHook(interrupted);
        int gapsFilled = 0;
        try (AutoCloseable attached = backfiller.attach(connector)) {
            // the open gaps inside the whole range, per type x symbol: a gap spanning several units (days) lies
            // inside no single job, so it is filled here once all units of its type and symbol have completed
            Map<String, Backfiller.RangeGaps> gaps = new LinkedHashMap<>();
            symbols.forEach((type, list) -> list.forEach(sym -> gaps.put(type + " " + sym, backfiller.rangeGaps(
                    a.venue(), EventType.fromId(type).orElseThrow(), sym, a.from(), a.to()))));
            Map<String, Long> lastJob = new HashMap<>();
            Set<String> failed = new HashSet<>();
            Map<String, List<Backfiller.NotServed>> notServed = new HashMap<>();
            // units an earlier run completed are skipped, but what the venue refused of them still decides how a
            // gap spanning them is settled (an earlier run that failed a unit of the gap's key left it open)
            for (BackfillJobs.Job job : jobs.notServedWithin(a.venue(), a.from(), a.to())) {
                if (job.eventTypes().size() == 1 && job.symbols().size() == 1 && done.contains(
                        new CompletedBackfills.Unit(job.eventTypes().getFirst(), job.symbols().getFirst(), job.from(),
                                job.to()))) {
                    String why = job.error().substring(BackfillJobs.NOT_SERVED.length());
                    notServed.computeIfAbsent(job.eventTypes().getFirst() + " " + job.symbols().getFirst(),
                            k -> new ArrayList<>()).add(new Backfiller.NotServed(job.from(), job.to(), why));
                }
            }
            for (CompletedBackfills.Unit u : pending) {
                BackfillJobs.Job job = runUnit(backfiller, jobs, ledger, a.venue(), u, run);
                String key = u.eventType() + " " + u.symbol();
                String unit = key + " [" + u.from() + ", " + u.to() + ")";
                lastJob.put(key, job.id());
                if (!BackfillJobs.COMPLETED.equals(job.state())) {
                    failed.add(key);
                    failures.add(unit + ": " + job.state() + (job.error() == null ? "" : " - " + job.error()));
                } else if (job.error() != null) {
                    String why = job.error().startsWith(BackfillJobs.NOT_SERVED)
                            ? job.error().substring(BackfillJobs.NOT_SERVED.length()) : job.error();
                    notServed.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new Backfiller.NotServed(u.from(), u.to(), why));
                    refusals.add(unit + ": " + why);
                }
            }
            for (Map.Entry<String, Backfiller.RangeGaps> e : gaps.entrySet()) {
                if (!failed.contains(e.getKey()) && e.getValue().size() > 0) {
                    gapsFilled += e.getValue().fill(lastJob.get(e.getKey()),
                            notServed.getOrDefault(e.getKey(), List.of()));
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(interrupted);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook reports the interruption
            }
        }
        progress.finish(run.state(null, failures.isEmpty() ? "done" : failures.size() + " failed"));
        out.printf("stored    : %,d rows in %d units (%d skipped as done before) in %s%n", run.rows,
                pending.size(), units.size() - pending.size(),
                ProgressLine.duration(Duration.ofNanos(System.nanoTime() - run.startNanos)));
        if (gapsFilled > 0) {
            out.printf("gaps      : %d ledger gaps spanning the range filled%n", gapsFilled);
        }
        refusals.forEach(r -> out.println("not served: " + r));
        failures.forEach(f -> out.println("failed    : " + f));
        if (!failures.isEmpty()) {
            out.println("run the same command again to retry the failed units; completed ones are not fetched again");
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /**
     * Queues the unit's job (or joins the same one already queued or running) and follows it to its end. A joined
     * job of an earlier run that shows no progress for {@code abandonedAfter} (that run was killed) is failed and
     * the unit queued again, the gaps it held open for the new job.
     */
    private BackfillJobs.Job runUnit(Backfiller backfiller, BackfillJobs jobs, GapLedger ledger, String venue,
                                     CompletedBackfills.Unit u, Run run) throws InterruptedException {
        Backfiller.Request request = new Backfiller.Request(venue, u.from(), u.to(),
                Set.of(EventType.fromId(u.eventType()).orElseThrow()), List.of(u.symbol()), BackfillJobs.CLI);
        BackfillJobs.Job job = backfiller.start(request).getFirst();
        currentJob = job.id();
        String note = u.eventType() + " " + u.symbol() + " " + u.from().toString().substring(0, 10);
        long lastChange = System.nanoTime();
        BackfillJobs.Job seen = job;
        while (job.active()) {
            progress.update(run.state(job, note), System.nanoTime());
            Thread.sleep(POLL);
            job = backfiller.job(job.id()).orElseThrow();
            if (!job.equals(seen)) {
                seen = job;
                lastChange = System.nanoTime();
            } else if (job.createdAt().isBefore(run.startedAt)
                    && System.nanoTime() - lastChange > abandonedAfter.toNanos()) {
                String abandoned = "abandoned by an interrupted basis backfill; taken over by a new run";
                jobs.fail(job.id(), abandoned);
                ledger.releaseJob(job.id(), abandoned);
                job = backfiller.start(request).getFirst();
                currentJob = job.id();
                seen = job;
                lastChange = System.nanoTime();
            }
        }
        currentJob = null;
        run.requests += job.requestsDone();
        run.rows += job.rowsWritten();
        return job;
    }

    /** Totals of this run: requests planned, done in finished units, rows written. */
    private static final class Run {
        final long total;
        final long startNanos;
        final Instant startedAt;
        long requests;
        long rows;

        Run(long total, long startNanos, Instant startedAt) {
            this.total = total;
            this.startNanos = startNanos;
            this.startedAt = startedAt;
        }

        ProgressLine.State state(BackfillJobs.Job current, String note) {
            long doneNow = requests + (current == null ? 0 : current.requestsDone());
            long rowsNow = rows + (current == null ? 0 : current.rowsWritten());
            Duration eta = null;
            long elapsed = System.nanoTime() - startNanos;
            if (current != null && doneNow > 0 && total > doneNow) {
                eta = Duration.ofNanos((long) ((double) elapsed / doneNow * (total - doneNow)));
            }
            return new ProgressLine.State(doneNow, Math.max(total, doneNow), rowsNow, eta, note);
        }
    }

    /** Adds {@code --key=value} unless the arguments set the key already. */
    private static void defaultTo(List<String> springArgs, String keyValue) {
        String key = keyValue.substring(0, keyValue.indexOf('=') + 1);
        if (springArgs.stream().noneMatch(a -> a.startsWith(key))) {
            springArgs.add(keyValue);
        }
    }

    private static List<String> ids(Set<EventType> types) {
        return new ArrayList<>(new TreeSet<>(types.stream().map(EventType::id).toList()));
    }

    private int usage(String problem) {
        err.println("basis backfill: " + problem);
        return 2;
    }
}
