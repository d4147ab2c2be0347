package io.basis.simulator;

import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * The scriptable market behind the simulated Deribit: which instruments are listed ({@link #list}, also while
 * clients are connected: a new listing), their quotes, books and trade history, the funding, chart and DVOL history
 * the REST methods serve, and the faults a test injects (an instrument that {@link #expire expires}, a
 * {@link #gapNext book gap}, {@link #tooManyRequests rate limiting}, a {@link #rejectChannel rejected channel}).
 * Publishing ({@code publish*}, {@link DeribitTradeScript#publish}) frames the data as a {@code subscription}
 * notification to every connection subscribed to the channel, in every interval the venue offers
 * ({@code 100ms}, {@code raw}, {@code agg2}); each returns how many notifications were sent.
 *
 * <p>Venue time: {@link #now()} follows the clock but never repeats, so every published event has its own
 * timestamp (the natural key of most stored rows). Thread-safe: one lock orders publishing against subscribing, so a
 * book snapshot sent on subscribe and later changes reach a client in {@code change_id} order.
 */
public final class DeribitMarket {
    /** The intervals every instrument channel is offered in. */
    public static final List<String> INTERVALS = List.of("100ms", "raw", "agg2");
    /** Numbers the markets of this JVM: default quotes differ between markets (see {@link DeribitListing}). */
    private static final AtomicInteger MARKETS = new AtomicInteger();

    private final Clock clock;
    private final Object lock = new Object();
    private final Map<String, DeribitListing> listings = new LinkedHashMap<>();
    private final Map<String, DeribitListing> expired = new LinkedHashMap<>();
    private final Map<String, DeribitBook> books = new HashMap<>();
    private final DeribitMarketHistory history = new DeribitMarketHistory();
    private final Map<String, Integer> rateLimited = new HashMap<>();
    private final Set<String> rejected = new LinkedHashSet<>();
    private volatile WsSimulator ws;
    private volatile int rateLimitStatus = 429;
    private long lastMillis;
    private long lastMicros;
    private long tradeIds = 48_079_000;
    private int instrumentIds = 400_000;
    private final int generation = MARKETS.incrementAndGet();

    public DeribitMarket(Clock clock) {
        this.clock = clock;
    }

    void attach(WsSimulator simulator) {
        this.ws = simulator;
    }

    Object lock() {
        return lock;
    }

    /**
     * Lists {@code name} (or returns its listing when already listed), with an {@code instrument.state} notification
     * {@code created}; relisting an expired name lists it anew.
     */
    public DeribitListing list(String name) {
        synchronized (lock) {
            expired.remove(name);
            DeribitListing known = listings.get(name);
            if (known != null) {
                return known;
            }
            DeribitListing listing = new DeribitListing(name, ++instrumentIds, now(), generation);
            listings.put(name, listing);
            instrumentState(listing, "created");
            return listing;
        }
    }

    /** Lists every name. */
    public void listAll(String... names) {
        for (String name : names) {
            list(name);
        }
    }

    /** A listed instrument; fails when it is not listed. */
    public DeribitListing listing(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(name + " is not listed"));
    }

    public Optional<DeribitListing> find(String name) {
        synchronized (lock) {
            return Optional.ofNullable(listings.get(name));
        }
    }

    public List<DeribitListing> listings() {
        synchronized (lock) {
            return List.copyOf(listings.values());
        }
    }

    /**
     * Expires {@code name}: {@code instrument.state} notifications {@code settled} and {@code deactivated}; it
     * leaves {@code get_instruments} (it shows under {@code expired=true}), its REST
     * methods and new subscriptions to its channels fail with {@code 10020 invalid_or_unsupported_instrument}.
     * Subscriptions made before stay until the client unsubscribes; the {@code publish*} methods still reach them,
     * so a test can show that nothing listens any more.
     */
    public void expire(String name) {
        synchronized (lock) {
            DeribitListing gone = listings.remove(name);
            if (gone == null) {
                throw new IllegalArgumentException(name + " is not listed");
            }
            expired.put(name, gone);
            instrumentState(gone, "settled");
            instrumentState(gone, "deactivated");
        }
    }

    /** {@code {timestamp, state, instrument_name}} on {@code instrument.state.<kind|any>.<currency|any>}. */
    private void instrumentState(DeribitListing listing, String state) {
        if (ws == null) {
            return;
        }
        String data = JSON.writeValueAsString(JSON.createObjectNode().put("timestamp", now()).put("state", state)
                .put("instrument_name", listing.name()));
        for (String kind : List.of(listing.kind(), "any")) {
            for (String currency : List.of(listing.settlementCurrency(), "any")) {
                publish("instrument.state." + kind + "." + currency, data);
            }
        }
    }

    List<DeribitListing> expiredListings() {
        synchronized (lock) {
            return List.copyOf(expired.values());
        }
    }

    /** Venue time in ms: the clock's, but strictly increasing across calls. */
    public long now() {
        synchronized (lock) {
            lastMillis = Math.max(clock.millis(), lastMillis + 1);
            return lastMillis;
        }
    }

    /** Server time in µs for {@code usIn}, strictly increasing. */
    long micros() {
        synchronized (lock) {
            lastMicros = Math.max(clock.millis() * 1000, lastMicros + 1);
            return lastMicros;
        }
    }

    // ---- publishing

    /** The listing's current ticker on {@code ticker.<name>.<interval>}. */
    public int publishTicker(String name) {
        synchronized (lock) {
            return publishTicker(name, now());
        }
    }

    /** The listing's current ticker with venue time {@code timestampMillis}. */
    public int publishTicker(String name, long timestampMillis) {
        DeribitListing listing = known(name);
        synchronized (lock) {
            return publishAll("ticker." + name + ".", JSON.writeValueAsString(listing.tickerJson(timestampMillis)));
        }
    }

    /** Starts a trade of {@code name}: {@link DeribitTradeScript#publish()} sends it, {@code record()} files it. */
    public DeribitTradeScript trade(String name) {
        return new DeribitTradeScript(this, known(name));
    }

    /** A book change of {@code name} on {@code book.<name>.<interval>}; entries {@code action:price:amount}. */
    public int publishBook(String name, List<String> bids, List<String> asks) {
        known(name);
        synchronized (lock) {
            String data = JSON.writeValueAsString(book(name).change(now(), bids, asks));
            return publishAll("book." + name + ".", data);
        }
    }

    /** The next book change of {@code name} skips a {@code change_id}: its {@code prev_change_id} breaks the chain. */
    public void gapNext(String name) {
        synchronized (lock) {
            book(name).gapNext();
        }
    }

    /** The current {@code change_id} of {@code name}'s book. */
    public long changeId(String name) {
        synchronized (lock) {
            return book(name).changeId();
        }
    }

    /** DVOL on {@code deribit_volatility_index.<indexName>} ({@code btc_usd}); also filed as a history row. */
    public int publishVolatilityIndex(String indexName, String volatility) {
        synchronized (lock) {
            long t = now();
            BigDecimal v = new BigDecimal(volatility);
            ObjectNode data = JSON.createObjectNode().put("volatility", v).put("timestamp", t)
                    .put("index_name", indexName).put("estimated_delivery", v);
            history.volatilityRow(indexName.substring(0, indexName.indexOf('_')).toUpperCase(Locale.ROOT), t,
                    volatility, volatility, volatility, volatility);
            return publish("deribit_volatility_index." + indexName, JSON.writeValueAsString(data));
        }
    }

    /** A price index on {@code deribit_price_index.<indexName>}. */
    public int publishPriceIndex(String indexName, String price) {
        synchronized (lock) {
            ObjectNode data = JSON.createObjectNode().put("timestamp", now()).put("price", new BigDecimal(price))
                    .put("index_name", indexName);
            return publish("deribit_price_index." + indexName, JSON.writeValueAsString(data));
        }
    }

    /** Any data object on exactly {@code channel}. */
    public int publish(String channel, String data) {
        WsSimulator simulator = ws;
        if (simulator == null) {
            throw new IllegalStateException("the market is not attached to a simulator");
        }
        synchronized (lock) {
            return simulator.publish(channel, data);
        }
    }

    int publishAll(String prefix, String data) {
        int sent = 0;
        for (String interval : INTERVALS) {
            sent += publish(prefix + interval, data);
        }
        return sent;
    }

    /** Funding, chart, DVOL and trade history for the REST methods. */
    public DeribitMarketHistory history() {
        return history;
    }

    String nextTradeId() {
        synchronized (lock) {
            return Long.toString(++tradeIds);
        }
    }

    // ---- faults

    /**
     * The next {@code times} requests of {@code method} ({@code public/subscribe}, {@code public/get_instruments},
     * ...; {@code *} for any) over WebSocket or REST are answered with {@code 10028 too_many_requests}.
     */
    public void tooManyRequests(String method, int times) {
        synchronized (lock) {
            rateLimited.merge(method, times, Integer::sum);
        }
    }

    /** HTTP status of a REST {@code too_many_requests} answer; 429 unless set. */
    public void rateLimitStatus(int status) {
        rateLimitStatus = status;
    }

    int rateLimitStatus() {
        return rateLimitStatus;
    }

    /** Subscribing to {@code channel} fails with {@code 10020} (the whole request) until {@link #acceptChannel}. */
    public void rejectChannel(String channel) {
        synchronized (lock) {
            rejected.add(channel);
        }
    }

    public void acceptChannel(String channel) {
        synchronized (lock) {
            rejected.remove(channel);
        }
    }

    /** Consumes one pending rate-limit answer for {@code method}, if any. */
    boolean takeRateLimit(String method) {
        synchronized (lock) {
            for (String key : List.of(method, "*")) {
                Integer left = rateLimited.get(key);
                if (left != null && left > 0) {
                    rateLimited.put(key, left - 1);
                    return true;
                }
            }
            return false;
        }
    }

    boolean isRejected(String channel) {
        synchronized (lock) {
            return rejected.contains(channel);
        }
    }

    /** The book snapshot data of a listed instrument, for the first notification after subscribing. */
    String bookSnapshot(String name) {
        synchronized (lock) {
            return JSON.writeValueAsString(book(name).snapshot(now()));
        }
    }

    DeribitBook book(String name) {
        synchronized (lock) {
            return books.computeIfAbsent(name, n -> new DeribitBook(n, 1_000_000L + 1_000L * known(n).instrumentId()));
        }
    }

    /** A listed or expired listing. */
    DeribitListing known(String name) {
        synchronized (lock) {
            DeribitListing listing = listings.containsKey(name) ? listings.get(name) : expired.get(name);
            if (listing == null) {
                throw new IllegalArgumentException(name + " was never listed");
            }
            return listing;
        }
    }
}
