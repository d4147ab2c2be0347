package io.basis.store;

import io.basis.model.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single path from ingest to PostgreSQL.
 *
 * <p>Producers call {@link #publish} from any thread; it blocks while the bounded queue is full (back-pressure,
 * memory stays bounded). One writer thread drains the queue into batches of up to {@code batchSize} events, waiting
 * at most {@code maxDelay} for a batch to fill, and commits each batch through {@link BatchWriter}.
 *
 * <p>When the database is unreachable the batch goes to the on-disk {@link Spool} instead, and so does every later
 * batch until the spool has drained, which keeps events in arrival order. A probe thread checks the database every
 * {@code retryInterval}; once it answers, the writer drains the spool oldest segment first. A batch the database
 * refuses for its content (not for being down) is split until the offending event is isolated; that event goes to
 * {@code rejected.jsonl} beside the spool and is counted, and the rest of the batch is stored.
 *
 * <p>Option quotes are stored only when they change: the writer thread drops a quote equal to its instrument's
 * previous one ({@link UnchangedQuoteFilter}) before batching, so every producer (live, replay, REST snapshots) gets
 * it; dropped quotes count as processed and in {@link WriterStatistics#skippedUnchangedQuotes()}.
 */
public final class EventWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventWriter.class);

    /** Instruments whose previous option quote the change-only filter remembers (~1 KB each, ~20 MB at most). */
    static final int UNCHANGED_QUOTE_INSTRUMENTS = 20_000;

    public enum DatabaseState { UP, DOWN }

    public record Settings(int queueCapacity, int batchSize, Duration maxDelay, Duration retryInterval,
                           int spoolSegmentEvents) {
    }

    private record Pending(MarketEvent event, long enqueuedNanos) {
    }

    private final DataSource dataSource;
    private final BatchWriter batchWriter;
    private final Spool spool;
    private final EventCodec codec;
    private final Settings settings;
    private final WriterStatistics stats;
    private final Clock clock;
    private final BlockingQueue<Pending> queue;
    private final AtomicLong processed = new AtomicLong();
    private final UnchangedQuoteFilter unchangedQuotes = new UnchangedQuoteFilter(UNCHANGED_QUOTE_INSTRUMENTS);
    private final Set<String> loggedRejections = ConcurrentHashMap.newKeySet();
    private final Thread writerThread;
    private final Thread probeThread;
    private volatile DatabaseState state = DatabaseState.UP;
    private volatile boolean running = true;

    public EventWriter(DataSource dataSource, BatchWriter batchWriter, Spool spool, EventCodec codec,
                       Settings settings, WriterStatistics stats, Clock clock) {
        this.dataSource = dataSource;
        this.batchWriter = batchWriter;
        this.spool = spool;
        this.codec = codec;
        this.settings = settings;
        this.stats = stats;
        this.clock = clock;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.writerThread = Thread.ofPlatform().name("basis-writer").daemon(false).unstarted(this::runWriter);
        this.probeThread = Thread.ofVirtual().name("basis-db-probe").unstarted(this::runProbe);
    }

    public void start() {
        writerThread.start();
        probeThread.start();
    }

    /** Hands one event to storage; blocks while the queue is full. */
    public void publish(MarketEvent event) throws InterruptedException {
        if (!running) {
            throw new IllegalStateException("writer is closed");
        }
        queue.put(new Pending(event, System.nanoTime()));
        stats.onAccepted();
    }

    public void publishAll(Iterable<? extends MarketEvent> events) throws InterruptedException {
        for (MarketEvent e : events) {
            publish(e);
        }
    }

    /** Waits until every event published before this call is committed, spooled or rejected. */
    public boolean awaitProcessed(Duration timeout) throws InterruptedException {
        long target = stats.accepted();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processed.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Waits until everything published so far is in the database (queue empty and spool drained). */
    public boolean awaitStored(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!awaitProcessed(timeout)) {
            return false;
        }
        while (!spool.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    public DatabaseState databaseState() { return state; }
    public int queued() { return queue.size(); }
    public int queueCapacity() { return settings.queueCapacity(); }
    public Spool spool() { return spool; }
    public WriterStatistics statistics() { return stats; }

    private void runWriter() {
        List<Pending> batch = new ArrayList<>(settings.batchSize());
        int filtered = 0;
        while (running || !queue.isEmpty()) {
            try {
                drain(batch);
                filtered = dropUnchangedQuotes(batch, filtered);
                if (!batch.isEmpty()) {
                    handle(batch);
                    batch.clear();
                    filtered = 0;
                }
                if (state == DatabaseState.UP && !spool.isEmpty()) {
                    drainOneSegment();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (RuntimeException | IOException e) {
                // Never let the writer die: an event that cannot be spooled either is logged with its cause.
                log.error("event writer: unexpected failure, retrying the batch", e);
                sleepQuietly(settings.retryInterval());
            }
        }
    }

    private void drain(List<Pending> batch) throws InterruptedException {
        Pending first = queue.poll(settings.maxDelay().toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + settings.maxDelay().toNanos();
        while (batch.size() < settings.batchSize()) {
            if (queue.drainTo(batch, settings.batchSize() - batch.size()) == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                Pending next = queue.poll(Math.min(left, 2_000_000L), TimeUnit.NANOSECONDS);
                if (next != null) {
                    batch.add(next);
                }
            }
        }
    }

    /**
     * Drops option quotes equal to their instrument's previous quote from {@code batch[from..]}; each event meets
     * the filter exactly once, even when a failed batch is handled again.
     *
     * @return the batch size, from where the next call continues
     */
    private int dropUnchangedQuotes(List<Pending> batch, int from) {
        int kept = from;
        for (int i = from; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (unchangedQuotes.keep(p.event())) {
                batch.set(kept++, p);
            } else {
                stats.skippedUnchanged();
                processed.incrementAndGet();
            }
        }
        batch.subList(kept, batch.size()).clear();
        return kept;
    }

    private void handle(List<Pending> batch) throws IOException {
        List<MarketEvent> events = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            events.add(p.event());
        }
        if (state == DatabaseState.UP && spool.isEmpty()) {
            try {
                writeIsolating(events);
                if (queue.isEmpty()) {
                    flushWatermarks();  // idle: no later batch will carry them soon
                }
                long now = System.nanoTime();
                for (Pending p : batch) {
                    stats.latency(now - p.enqueuedNanos());
                }
                processed.addAndGet(events.size());
                return;
            } catch (SQLException e) {
                markDown(e);
            }
        }
        spool.append(events);
        stats.spooled(events.size());
        processed.addAndGet(events.size());
    }

    private void drainOneSegment() throws IOException {
        Spool.Segment segment = spool.oldest();
        if (segment == null) {
            return;
        }
        List<MarketEvent> events = segment.events();
        try {
            for (int i = 0; i < events.size(); i += settings.batchSize()) {
                writeIsolating(events.subList(i, Math.min(events.size(), i + settings.batchSize())));
            }
            // watermarks first: an empty spool tells awaitStored (the start-up gap check) that every stream's
            // newest row is readable
            flushWatermarks();
            spool.remove(segment);
            if (spool.isEmpty()) {
                log.info("spool drained: every spooled event is stored");
            }
        } catch (SQLException e) {
            markDown(e);
        }
    }

    /** Commits the events; isolates and rejects content the database refuses. Throws only when it is down. */
    private void writeIsolating(List<MarketEvent> events) throws SQLException {
        try {
            stats.committed(batchWriter.write(events), clock.instant());
        } catch (SQLException | RuntimeException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), "08000", e);
            }
            if (events.size() == 1) {
                reject(events.getFirst(), e);
                return;
            }
            int half = events.size() / 2;
            writeIsolating(events.subList(0, half));
            writeIsolating(events.subList(half, events.size()));
        }
    }

    /** The batches are committed already; if this fails the watermarks stay pending for a later transaction. */
    private void flushWatermarks() {
        try {
            batchWriter.flushWatermarks();
        } catch (SQLException e) {
            if (DatabaseFailures.isUnavailable(e)) {
                markDown(e);
            } else {
                log.warn("stream watermarks not written, retrying with the next batch: {}", e.getMessage());
            }
        }
    }

    private void reject(MarketEvent event, Exception cause) {
        stats.rejected();
        String kind = event.type().id() + ":" + (cause instanceof SQLException s ? s.getSQLState() : cause.getClass().getSimpleName());
        if (loggedRejections.add(kind)) {
            log.error("database refused a {} event from {} {} ({}); it is kept in rejected.jsonl. Further {} "
                    + "refusals are counted, not logged: {}", event.type().id(), event.venue(), event.symbol(),
                    cause.getMessage(), kind, codec.encode(event));
        }
        Path file = spool.directory().resolveSibling("rejected.jsonl");
        try {
            Files.writeString(file, codec.encode(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a rejected event in " + file, e);
        }
    }

    private void markDown(SQLException cause) {
        if (state == DatabaseState.UP) {
            state = DatabaseState.DOWN;
            stats.outage();
            log.warn("database unreachable ({}); spooling events to {} until it returns",
                    cause.getMessage(), spool.directory());
        }
    }

    private void runProbe() {
        while (running) {
            sleepQuietly(settings.retryInterval());
            if (state == DatabaseState.DOWN && databaseAnswers()) {
                state = DatabaseState.UP;
                log.info("database reachable again; draining {} spooled events", spool.backlogEvents());
            }
        }
    }

    private boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting events, stores (or spools) everything queued, and closes the spool. */
    @Override
    public void close() throws IOException {
        running = false;
        try {
            writerThread.join(Duration.ofSeconds(60));
            probeThread.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spool.close();
    }
}
