package io.basis.bench;

import io.basis.model.EventType;
import io.basis.store.EventTables;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import static io.basis.bench.BenchCli.seconds;

/** The report of {@code bench store}: the header before the run, the results and checks after it. */
final class StoreReport {
    private static final long MB = 1024 * 1024;

    private final StoreOptions o;
    private final String xmx = HeapMonitor.xmxArgument();

    StoreReport(StoreOptions o) {
        this.o = o;
    }

    void header(int instruments, String serverVersion, Path dir) {
        System.out.printf(Locale.ROOT, "Basis storage benchmark — %,d events, %d instruments, batch %d, "
                        + "PostgreSQL %s, %d cores%n", o.events(), instruments, o.batch(), serverVersion,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "options  : %s; queue %,d, max delay %d ms%n", o.describe(),
                StorePhases.QUEUE_CAPACITY, StorePhases.MAX_DELAY.toMillis());
        System.out.printf(Locale.ROOT, "JVM      : %s, %s, -Xmx %s%n", Runtime.version(), HeapMonitor.gcName(),
                xmx != null ? xmx : "not set (max " + HeapMonitor.maxHeap() / MB + " MB)");
        System.out.printf(Locale.ROOT, "data     : %s%n", dir);
    }

    /** One line per round when there are several. */
    void round(int round, WriterRun w, RawCopy.Result r) {
        double raw = r.rows() / seconds(r.nanos());
        System.out.printf(Locale.ROOT, "round %d  : writer %,.0f rows/s, raw COPY %,.0f rows/s, ratio %.2f%n",
                round, w.rowsPerSecond(), raw, w.rowsPerSecond() / raw);
    }

    /** Latency of a steady, unsaturated feed (the live case). */
    void paced(int rate, int events, double p50, double p99) {
        System.out.printf(Locale.ROOT, "latency  : at a steady %,d events/s (%,d events): enqueue-to-committed p50 %.0f ms"
                + "  p99 %.0f ms%n", rate, events, p50, p99);
        System.out.printf(Locale.ROOT, "BENCH store_paced rate=%d events=%d p50_ms=%.0f p99_ms=%.0f%n", rate, events,
                p50, p99);
    }

    /**
     * Prints the results and the checks; false when a check failed.
     *
     * @param disk       per event type {bytes, rows} after phase 1
     * @param genSeconds the generator alone over the whole stream
     */
    boolean results(WriterRun writer, RawCopy.Result raw, Map<EventType, long[]> disk, double genSeconds,
                    StorePhases.Republish again) {
        long diskBytes = disk.values().stream().mapToLong(v -> v[0]).sum();
        long diskRows = disk.values().stream().mapToLong(v -> v[1]).sum();
        double writerRowsPerSecond = writer.rowsPerSecond();
        double rawSeconds = seconds(raw.nanos());
        double rawRowsPerSecond = raw.rows() / rawSeconds;
        double ratio = writerRowsPerSecond / rawRowsPerSecond;
        boolean ok = true;
        double bytesPerRow = diskRows == 0 ? 0.0 : (double) diskBytes / diskRows;
        String best = o.rounds() > 1 ? "best of " + o.rounds() + " rounds; " : "";
        System.out.println();
        System.out.printf(Locale.ROOT, "writer   : %,.0f events/s  %,.0f rows/s  p50 %.0f ms  p99 %.0f ms"
                        + " (queue full: latency = queue length / throughput)%n",
                o.events() / writer.seconds(), writerRowsPerSecond, writer.p50(), writer.p99());
        System.out.printf(Locale.ROOT, "           (%s%,d rows in %.2f s; %,d batches of %,.0f events; producer "
                        + "done after %.2f s; CPU: writer thread %.2f s, producer %.2f s)%n", best, writer.rows(),
                writer.seconds(), writer.batches(),
                writer.batches() == 0 ? 0.0 : (double) writer.committedEvents() / writer.batches(),
                writer.enqueueSeconds(), writer.writerCpu(), writer.producerCpu());
        System.out.printf(Locale.ROOT, "raw COPY : %,.0f rows/s%n", rawRowsPerSecond);
        System.out.printf(Locale.ROOT, "           (%s%,d rows in %.2f s: building COPY text %.2f s, PostgreSQL "
                        + "%.2f s; %,d transactions)%n", best, raw.rows(), rawSeconds, seconds(raw.buildNanos()),
                seconds(raw.databaseNanos()), raw.chunks());
        System.out.printf(Locale.ROOT, "ratio    : %.2f (target ≥ 0.70)%s%n", ratio,
                ratio >= 0.70 ? "" : "  BELOW TARGET");
        System.out.printf(Locale.ROOT, "on disk  : %.0f bytes/row overall (%s)%n", bytesPerRow, perTable(disk));
        System.out.printf(Locale.ROOT, "           (%,.1f MB for %,d rows after phase 1; all partitions, indexes "
                + "and TOAST)%n", diskBytes / (double) MB, diskRows);
        System.out.printf(Locale.ROOT, "peak heap: %d MB (target ≤ 512 MB)%s%n", writer.peakHeap() / MB,
                writer.peakHeap() <= 512 * MB ? "" : "  ABOVE TARGET");
        System.out.printf(Locale.ROOT, "           (phase 1, sum of heap pool peaks; live after GC ≤ %d MB; %d GCs, "
                        + "%d ms; -Xmx %s)%n", writer.liveHeap() / MB, writer.gcCount(), writer.gcMillis(),
                xmx != null ? xmx : "not set, max " + HeapMonitor.maxHeap() / MB + " MB: try -Xmx512m");
        System.out.printf(Locale.ROOT, "generator: %,.0f events/s on one thread (phase 1's producer generates "
                        + "while it publishes; phase 2 does not count it)%s%n", o.events() / genSeconds,
                o.pregenerate() ? "; --pregenerate: all events held in memory" : "");
        if (again.newRows() == 0 && again.writerInserted() == 0) {
            System.out.printf(Locale.ROOT, "re-publish: 0 new rows (%,d events again through the writer in "
                    + "%.2f s)%n", again.events(), again.seconds());
        } else {
            System.out.printf(Locale.ROOT, "re-publish: FAILED, %,d new rows in the tables, writer counted %,d "
                    + "(%,d events again)%n", again.newRows(), again.writerInserted(), again.events());
            ok = false;
        }
        if (writer.rows() != o.events() || raw.rows() != writer.rows() || diskRows != writer.rows()
                || writer.rejected() != 0 || writer.spooled() != 0) {
            System.out.printf(Locale.ROOT, "check    : FAILED, %,d events but the writer stored %,d rows "
                            + "(%,d rejected, %,d spooled), raw COPY %,d, tables held %,d%n", o.events(),
                    writer.rows(), writer.rejected(), writer.spooled(), raw.rows(), diskRows);
            ok = false;
        }
        System.out.printf(Locale.ROOT, "BENCH store events=%d writer_rows_per_s=%.0f raw_rows_per_s=%.0f "
                        + "ratio=%.3f p50_ms=%.0f p99_ms=%.0f bytes_per_row=%.0f peak_heap_mb=%d live_heap_mb=%d "
                        + "xmx=%s ok=%s%n", o.events(), writerRowsPerSecond, rawRowsPerSecond, ratio, writer.p50(),
                writer.p99(), bytesPerRow, writer.peakHeap() / MB, writer.liveHeap() / MB,
                xmx != null ? xmx : "unset", ok);
        return ok;
    }

    private static String perTable(Map<EventType, long[]> disk) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<EventType, long[]> e : disk.entrySet()) {
            long[] v = e.getValue();
            if (v[1] == 0) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append(", ");
            }
            b.append(EventTables.of(e.getKey()).table()).append(' ').append(Math.round((double) v[0] / v[1]));
        }
        return b.toString();
    }
}
