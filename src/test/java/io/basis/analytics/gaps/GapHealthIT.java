package io.basis.analytics.gaps;

import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.store.BackfillJobs;
import io.basis.store.EventWriter;
import io.basis.store.GapCauses;
import io.basis.store.GapLedger;
import io.basis.store.InstrumentIds;
import io.basis.support.ServiceTestSupport;
import io.basis.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** /health gap_hours and the /metrics gauges read the gap ledger. */
class GapHealthIT extends ServiceTestSupport {
    private static final String V = "health-venue";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort int port;
    @Autowired EventWriter writer;
    @Autowired GapLedger ledger;
    @Autowired BackfillJobs jobs;
    @Autowired GapMetrics metrics;
    @Autowired DataSource dataSource;
    @Autowired InstrumentIds instrumentIds;
    @Autowired Clock clock;

    @BeforeEach
    @AfterEach
    void clean() {
        TestDatabase.truncateAll(dataSource);
        instrumentIds.invalidate();
        metrics.refresh();
    }

    private String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static double value(String metrics, String line) {
        return metrics.lines().filter(l -> l.startsWith(line + " ")).map(l -> l.substring(line.length() + 1))
                .mapToDouble(Double::parseDouble).findFirst().orElseThrow(() -> new AssertionError(line));
    }

    @Test
    void anOpenGapOfTheLastDayDrivesGapHoursUntilItIsFilled() throws Exception {
        Instant now = clock.instant();
        writer.publish(new Trade(V, "BTCUSDT", now, now, "1", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, Side.BUY, false));
        assertThat(writer.awaitStored(Duration.ofSeconds(20))).isTrue();
        ledger.record(V, "BTCUSDT", "trade", now.minus(Duration.ofHours(4)), now.minus(Duration.ofHours(1)),
                GapCauses.DISCONNECT);
        ledger.record(V, "ETHUSDT", "candle", now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(28)),
                GapCauses.SCAN);    // outside the last 24 h: counted as open, not in gap_hours
        ledger.record(V, "book:BTCUSDT", now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofMinutes(4)),
                GapCauses.SEQUENCE_GAP);
        long unfillable = ledger.list(new GapLedger.Filter(V, "BTCUSDT", "book-snapshot", java.util.Set.of(), null,
                null, 1)).getFirst().id();
        ledger.markUnfillable(unfillable, "order books have no history");
        long job = jobs.create(V, now.minus(Duration.ofHours(4)), now, List.of("trade"), List.of(),
                BackfillJobs.AUTO).job().id();
        jobs.progress(job, 3, 4200);
        metrics.refresh();

        assertThat(JSON.readTree(get("/health")).get("gap_hours").asDouble()).isEqualTo(3.0);
        String text = get("/metrics");
        assertThat(value(text, "basis_gaps_open")).isEqualTo(2.0);
        assertThat(value(text, "basis_gaps_unfillable")).isEqualTo(1.0);
        assertThat(value(text, "basis_gaps_backfilling")).isEqualTo(0.0);
        assertThat(value(text, "basis_backfill_rows_written_total")).isEqualTo(4200.0);
        assertThat(value(text, "basis_gap_hours{stream=\"trade\",venue=\"" + V + "\"}")).isEqualTo(3.0);
        assertThat(value(text, "basis_gap_hours{stream=\"candle\",venue=\"" + V + "\"}")).isEqualTo(2.0);
        assertThat(text).doesNotContain("basis_gap_hours{stream=\"book-snapshot\"");

        long trade = ledger.list(new GapLedger.Filter(V, "BTCUSDT", "trade", java.util.Set.of(), null, null, 1))
                .getFirst().id();
        ledger.markFilled(trade, 4200);
        metrics.refresh();

        assertThat(JSON.readTree(get("/health")).get("gap_hours").asDouble()).isLessThan(0.1);
        text = get("/metrics");
        assertThat(value(text, "basis_gaps_open")).isEqualTo(1.0);
        assertThat(text).doesNotContain("basis_gap_hours{stream=\"trade\"");
    }
}
