package io.basis.venue.deribit;

import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureReader;
import io.basis.simulator.DeribitMarket;
import io.basis.simulator.DeribitVenue;
import io.basis.support.CommandRuns;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code basis record --venue deribit} against the simulated Deribit captures the JSON-RPC session (requests out,
 * replies, notifications and heartbeats in) and the REST exchanges, and {@code basis replay} of the capture with the
 * same venues file rebuilds instruments, trades, liquidations, option quotes, book snapshots and DVOL through the
 * same session code: replayed into the database the live session wrote, it adds no row.
 */
class DeribitRecordReplayIT {
    private static final String OPTION = "BTC-27DEC26-100000-C";
    private static final String PERP = "BTC-PERPETUAL";
    private static final String ETH_OPTION = "ETH-27DEC26-4000-P";
    private static final String ETH_PERP = "ETH-PERPETUAL";

    @Test
    void aRecordedSessionReplaysIntoTheSameEvents() throws Exception {
        Path dir = TestDatabase.tempDir("basis-deribit-record");
        Path capture = dir.resolve("session.jsonl.gz");
        Path venues = dir.resolve("venues.yaml");
        try (DeribitVenue deribit = DeribitVenue.start()) {
            DeribitMarket market = deribit.market();
            market.list(PERP);
            market.list(OPTION).openInterest("1520.3");
            market.list("BTC-27DEC26-60000-P").openInterest("3");
            market.list(ETH_PERP);
            market.list(ETH_OPTION).openInterest("800");
            market.publishBook(PERP, List.of("new:100000:10"), List.of("new:100001:5"));
            Files.writeString(venues, """
                    venues:
                      deribit:
                        enabled: true
                        rest-url: %s
                        ws-url: %s
                        currencies: [BTC, ETH]
                        large-trade-usd: { BTC: 100000, default: 20000 }
                        channels:
                          instruments: all
                          option-ticker: { storage: all, top: 1, snapshot-interval: 0ms }
                          trades: all
                          liquidations: all
                          book: { storage: all, depth: 5, snapshot-interval: 0ms }
                          volatility-index: all
                          funding: { storage: all, snapshot-interval: 0ms }
                    """.formatted(deribit.restUrl(), deribit.wsUrl()));
            CompletableFuture<String> recording = CompletableFuture.supplyAsync(() -> CommandRuns.record(
                    "--venue", "deribit", "--duration", "5s", "--out", capture.toString(),
                    "--basis.venues-file=" + venues, "--basis.db.url=" + TestDatabase.jdbcUrl(),
                    "--basis.db.user=postgres", "--basis.data-dir=" + dir.resolve("data")),
                    // its own thread: the JDK WebSocket completes stages on the common pool
                    runnable -> Thread.ofPlatform().name("record").start(runnable));
            for (String channel : List.of("ticker." + OPTION + ".100ms", "trades." + PERP + ".100ms",
                    "book." + PERP + ".100ms", "deribit_volatility_index.btc_usd", "ticker." + ETH_OPTION + ".100ms",
                    "ticker." + ETH_PERP + ".100ms")) {
                CommandRuns.awaitSubscribedWhile(deribit.ws(), recording, channel);
            }
            market.listing(OPTION).greeks("0.4321", "0.00002", "110.5", "-60.25", "14.75");
            market.publishTicker(OPTION);
            market.listing(ETH_OPTION).greeks("-0.3012", "0.0004", "7.25", "-3.5", "-1.2");
            market.publishTicker(ETH_OPTION);
            market.publishTicker(ETH_PERP);
            market.trade(PERP).sell("99000", "21500").liquidation("T").id("rec-1").publish();
            market.publishBook(PERP, List.of("change:100000:12"), List.of());
            market.publishVolatilityIndex("btc_usd", "52.31");
            assertThat(recording.get()).contains("recorded  :");
        }

        List<CaptureFrame> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            reader.forEachRemaining(frames::add);
        }
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).startsWith("GET /api/v2/public/get_instruments"));
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).contains("public/subscribe"));
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).contains("public/set_heartbeat"));
        assertThat(frames).anySatisfy(f -> assertThat(f.message()).contains("\"trade_id\":\"rec-1\""));

        Map<String, Long> recorded = storedRows();
        String replay = CommandRuns.replay(capture.toString(), "--venue", "deribit", "--basis.venues-file=" + venues,
                "--basis.db.url=" + TestDatabase.jdbcUrl(), "--basis.db.user=postgres",
                "--basis.data-dir=" + dir.resolve("replay-data"));
        assertThat(replay).contains("deribit").contains("instrument=5").contains("trade=1").contains("liquidation=1")
                .contains("option-ticker=").contains("book-snapshot=").contains("volatility-index=")
                .contains("funding-rate=");
        assertThat(recorded).as("both currencies' option quotes, funding and DVOL were collected")
                .containsEntry("liquidation", 1L).allSatisfy((table, rows) -> {
                    if (!List.of("candle", "open_interest", "index_price").contains(table)) {
                        assertThat(rows).as(table).isPositive();
                    }
                });
        assertThat(optionQuoteCurrencies()).containsExactly("BTC", "ETH");
        assertThat(storedRows()).as("the replay rebuilds exactly the rows the live session stored")
                .isEqualTo(recorded);
    }

    /** Deribit rows per table in the shared database. */
    private static Map<String, Long> storedRows() throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "");
             Statement st = c.createStatement()) {
            for (String table : List.of("trade", "liquidation", "option_ticker", "book_snapshot", "volatility_index",
                    "open_interest", "index_price", "funding_rate", "candle")) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table + " x JOIN instrument i"
                        + " ON i.id = x.instrument_id WHERE i.venue = 'deribit'")) {
                    rs.next();
                    out.put(table, rs.getLong(1));
                }
            }
        }
        return out;
    }

    /** Base currencies of the Deribit option quotes stored, with greeks. */
    private static List<String> optionQuoteCurrencies() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), "postgres", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT i.base FROM option_ticker x JOIN instrument i"
                     + " ON i.id = x.instrument_id WHERE i.venue = 'deribit' AND x.delta IS NOT NULL"
                     + " AND x.vega IS NOT NULL ORDER BY i.base")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
