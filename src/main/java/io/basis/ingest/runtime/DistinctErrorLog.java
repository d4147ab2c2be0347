package io.basis.ingest.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts errors by context and kind and logs only the first of each, with a truncated sample, so a venue that
 * starts sending one malformed frame per message costs a counter increment per frame and one log line in total.
 * Thread-safe.
 */
public final class DistinctErrorLog {
    static final int SAMPLE_CHARS = 256;

    private static final Logger log = LoggerFactory.getLogger(DistinctErrorLog.class);

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /**
     * Counts one error; logs it (WARN) if it is the first of its {@code context} and {@code kind}.
     *
     * @param context where it happened, e.g. {@code binance-usdm/market}
     * @param kind    what went wrong, a small fixed vocabulary, e.g. {@code unknown-event}, {@code bad-number}
     * @param sample  the offending input (truncated for the log), may be {@code null}
     * @param error   the exception, may be {@code null}; its message is logged, not its stack trace
     * @return how many errors of this context and kind have been seen, including this one
     */
    public long record(String context, String kind, String sample, Throwable error) {
        long n = counts.computeIfAbsent(context + " " + kind, k -> new AtomicLong()).incrementAndGet();
        if (n == 1) {
            log.warn("{}: {}{} (logged once; further ones are only counted) sample: {}", context, kind,
                    error == null ? "" : " - " + error, truncate(sample));
        }
        return n;
    }

    /** Counts per {@code "context kind"}. */
    public Map<String, Long> counts() {
        Map<String, Long> copy = new LinkedHashMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    static String truncate(String sample) {
        if (sample == null) {
            return "<none>";
        }
        String oneLine = sample.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= SAMPLE_CHARS ? oneLine
                : oneLine.substring(0, SAMPLE_CHARS) + "... (" + oneLine.length() + " chars)";
    }
}
