package io.basis.venue.binanceusdm;

import io.basis.ingest.runtime.RestRequest;
import io.basis.ingest.runtime.RestResponse;
import io.basis.ingest.runtime.TimeSource;
import io.basis.model.MarketEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Per-symbol order-book resync: when the session asks for a snapshot of one symbol (start, broken {@code pu} chain,
 * reconnect), fetches {@code GET /fapi/v1/depth?symbol=..&limit=1000} (weight 20) for that symbol only, on its own
 * virtual thread, and hands it to the {@link BinanceUsdmSession}; the dispatch thread and the other symbols go on
 * meanwhile. One fetch per symbol at a time; a failed fetch is retried after {@code retryDelay} at the next diff.
 */
public final class BinanceUsdmBookSync {
    private static final Logger log = LoggerFactory.getLogger(BinanceUsdmBookSync.class);
    /** The REST depth limit used for resyncs: deep enough to cover the buffered diffs. */
    public static final int SNAPSHOT_LIMIT = 1000;

    /** Sends one REST request (through the venue's rate-limited client). */
    @FunctionalInterface
    public interface Fetch {
        RestResponse get(RestRequest request) throws Exception;
    }

    private final Fetch fetch;
    private final TimeSource time;
    private final Duration retryDelay;
    private final Consumer<List<MarketEvent>> publish;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile BinanceUsdmSession session;
    private volatile boolean closed;

    public BinanceUsdmBookSync(Fetch fetch, TimeSource time, Duration retryDelay,
                               Consumer<List<MarketEvent>> publish) {
        this.fetch = Objects.requireNonNull(fetch, "fetch");
        this.time = Objects.requireNonNull(time, "time");
        this.retryDelay = Objects.requireNonNull(retryDelay, "retryDelay");
        this.publish = Objects.requireNonNull(publish, "publish");
    }

    /** The session snapshots are applied to (set once, before frames flow). */
    public void attach(BinanceUsdmSession target) {
        this.session = Objects.requireNonNull(target, "session");
    }

    /** Starts a snapshot fetch for {@code symbol} unless one is running. Never blocks. */
    public void request(String symbol) {
        if (closed || !inFlight.add(symbol)) {
            return;
        }
        Thread.ofVirtual().name("basis-book-sync-" + symbol).start(() -> run(symbol));
    }

    public void close() {
        closed = true;
    }

    private void run(String symbol) {
        BinanceUsdmSession target = session;
        try {
            BinanceUsdmRequests.Request r = BinanceUsdmRequests.depth(symbol, SNAPSHOT_LIMIT);
            RestResponse response = fetch.get(RestRequest.get(r.endpoint().path(), r.query(), r.weight()));
            if (!response.isSuccess()) {
                throw new IllegalStateException("HTTP " + response.status() + " " + abbreviate(response.text()));
            }
            BinanceUsdmMessages.DepthSnapshot snapshot = BinanceUsdmRest.depthSnapshot(response.body());
            inFlight.remove(symbol);
            if (!closed) {
                publish.accept(target.onDepthSnapshot(symbol, snapshot, response.receivedAt()));
            }
        } catch (InterruptedException e) {
            inFlight.remove(symbol);
            target.snapshotFailed(symbol);
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("binance-usdm: depth snapshot of {} failed ({}); retrying after {}", symbol, e.getMessage(),
                    retryDelay);
            try {
                time.sleep(retryDelay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            inFlight.remove(symbol);
            target.snapshotFailed(symbol);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
