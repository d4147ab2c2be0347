package io.basis.bench;

/**
 * What phase 1 of {@code bench store} measured: wall time (and when the producer was done enqueueing), rows and
 * batches the writer committed, rejected and spooled events, enqueue-to-commit latency percentiles in ms, heap
 * (peak of the pools and live after GC, bytes), GC count and time, and CPU seconds of the writer and producer.
 */
record WriterRun(double seconds, double enqueueSeconds, long rows, long batches, long committedEvents,
                 long rejected, long spooled, double p50, double p99, long peakHeap, long liveHeap,
                 long gcCount, long gcMillis, double writerCpu, double producerCpu) {

    double rowsPerSecond() {
        return rows / seconds;
    }

    WriterRun withPeak(long peak, long live) {
        return new WriterRun(seconds, enqueueSeconds, rows, batches, committedEvents, rejected, spooled, p50, p99,
                peak, live, gcCount, gcMillis, writerCpu, producerCpu);
    }

    /**
     * Combines rounds: the faster run's throughput figures, and the highest heap peak seen in any round (a busy
     * machine only ever makes a phase slower, while the heap bound must hold in every round).
     */
    static WriterRun best(WriterRun best, WriterRun w) {
        if (best == null || w.rowsPerSecond() > best.rowsPerSecond()) {
            return w.peakHeap() >= (best == null ? 0 : best.peakHeap()) ? w
                    : w.withPeak(best.peakHeap(), best.liveHeap());
        }
        if (w.peakHeap() > best.peakHeap()) {
            return best.withPeak(w.peakHeap(), Math.max(w.liveHeap(), best.liveHeap()));
        }
        return best;
    }
}
