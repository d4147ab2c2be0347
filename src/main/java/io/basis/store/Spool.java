package io.basis.store;

import io.basis.model.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Durable FIFO of events that could not reach the database, as JSON-lines segment files under one directory.
 *
 * <p>Appends go to the newest segment and are forced to disk before {@link #append} returns; a segment is closed
 * after {@code segmentEvents} events. Segments are drained oldest first and deleted only after their events are
 * committed, so a crash while draining replays part of a segment, which idempotent writes absorb. A torn last line
 * (crash while appending) is skipped and counted. Used by the writer thread only; the counters may be read from any
 * thread.
 */
public final class Spool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    /** A closed segment handed out for draining. */
    public record Segment(Path path, List<MarketEvent> events, int lines) {
    }

    private final Path dir;
    private final int segmentEvents;
    private final EventCodec codec;
    private final Deque<Path> closed = new ArrayDeque<>();
    private final AtomicLong backlogEvents = new AtomicLong();
    private final AtomicLong backlogBytes = new AtomicLong();
    private final AtomicLong tornLines = new AtomicLong();
    private final AtomicInteger segmentCount = new AtomicInteger();
    private FileChannel open;
    private Path openPath;
    private int openCount;
    private long nextSequence;

    public Spool(Path dir, int segmentEvents, EventCodec codec) {
        this.dir = dir;
        this.segmentEvents = segmentEvents;
        this.codec = codec;
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().matches("seg-\\d{20}\\.jsonl")).sorted()
                        .forEach(this::adopt);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use spool directory " + dir, e);
        }
        if (!closed.isEmpty()) {
            log.info("spool {}: {} events in {} segments left from an earlier run; they drain first",
                    dir, backlogEvents.get(), closed.size());
        }
    }

    private void adopt(Path p) {
        try {
            long lines;
            try (Stream<String> s = Files.lines(p, StandardCharsets.UTF_8)) {
                lines = s.filter(l -> !l.isBlank()).count();
            }
            closed.add(p);
            segmentCount.incrementAndGet();
            backlogEvents.addAndGet(lines);
            backlogBytes.addAndGet(Files.size(p));
            String name = p.getFileName().toString();
            nextSequence = Math.max(nextSequence, Long.parseLong(name.substring(4, 24)) + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spool segment " + p, e);
        }
    }

    public void append(List<? extends MarketEvent> events) throws IOException {
        int i = 0;
        while (i < events.size()) {
            if (open == null) {
                openPath = dir.resolve(String.format("seg-%020d.jsonl", nextSequence++));
                open = FileChannel.open(openPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                openCount = 0;
                segmentCount.incrementAndGet();
            }
            int n = Math.min(events.size() - i, segmentEvents - openCount);
            StringBuilder sb = new StringBuilder(n * 256);
            for (int j = i; j < i + n; j++) {
                sb.append(codec.encode(events.get(j))).append('\n');
            }
            ByteBuffer bytes = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            int size = bytes.remaining();
            while (bytes.hasRemaining()) {
                open.write(bytes);
            }
            open.force(false);
            openCount += n;
            backlogEvents.addAndGet(n);
            backlogBytes.addAndGet(size);
            i += n;
            if (openCount >= segmentEvents) {
                closeOpen();
            }
        }
    }

    /** The oldest segment, closing the open one if it is all there is; null when the spool is empty. */
    public Segment oldest() throws IOException {
        if (closed.isEmpty() && open != null) {
            closeOpen();
        }
        Path p = closed.peekFirst();
        if (p == null) {
            return null;
        }
        List<MarketEvent> events = new ArrayList<>();
        int lines = 0;
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            try {
                events.add(codec.decode(line));
            } catch (RuntimeException e) {
                tornLines.incrementAndGet();
                log.warn("spool segment {}: skipping unreadable line ({} chars): {}", p, line.length(), e.getMessage());
            }
        }
        return new Segment(p, events, lines);
    }

    /** Deletes a drained segment (its events are committed). */
    public void remove(Segment segment) throws IOException {
        long size = Files.size(segment.path());
        Files.deleteIfExists(segment.path());
        if (closed.remove(segment.path())) {
            segmentCount.decrementAndGet();
        }
        backlogEvents.addAndGet(-segment.lines());
        backlogBytes.addAndGet(-size);
    }

    /** Safe from any thread. */
    public boolean isEmpty() {
        return backlogEvents.get() == 0;
    }

    public long backlogEvents() {
        return backlogEvents.get();
    }

    public long backlogBytes() {
        return backlogBytes.get();
    }

    /** Safe from any thread. */
    public int segments() {
        return segmentCount.get();
    }

    public long tornLines() {
        return tornLines.get();
    }

    public Path directory() {
        return dir;
    }

    private void closeOpen() throws IOException {
        open.close();
        closed.addLast(openPath);
        open = null;
        openPath = null;
    }

    @Override
    public void close() throws IOException {
        if (open != null) {
            closeOpen();
        }
    }
}
