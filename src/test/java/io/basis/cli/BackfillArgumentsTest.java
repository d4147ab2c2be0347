package io.basis.cli;

import io.basis.store.CompletedBackfills;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code basis backfill} argument parsing and its progress line, offline. */
class BackfillArgumentsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static BackfillArguments parse(String... args) throws BackfillArguments.Invalid {
        return BackfillArguments.parse(args, CLOCK);
    }

    @Test
    void theDocumentedCommandLine() throws Exception {
        BackfillArguments a = parse("--venue", "binance-usdm", "--from", "2026-01-01T00:00Z", "--to",
                "2026-01-03T00:00Z", "--types", "candles,funding,oi", "--symbols", "BTCUSDT, ETHUSDT",
                "--basis.db.url=jdbc:postgresql://h/db");
        assertThat(a.venue()).isEqualTo("binance-usdm");
        assertThat(a.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(a.to()).isEqualTo(Instant.parse("2026-01-03T00:00:00Z"));
        assertThat(a.types()).containsExactly("candle", "funding-rate", "open-interest");
        assertThat(a.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(a.springArgs()).containsExactly("--basis.db.url=jdbc:postgresql://h/db");
    }

    @Test
    void optionalPartsAndOtherSpellings() throws Exception {
        BackfillArguments a = parse("--venue=deribit", "--from=2026-11-20", "--to=now", "--types", "trade,candle");
        assertThat(a.from()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        assertThat(a.to()).isEqualTo(NOW);
        assertThat(a.types()).containsExactly("trade", "candle");
        assertThat(a.symbols()).isEmpty();
        assertThat(parse("--venue", "x", "--from", "2026-11-21T10:00:00+02:00", "--to", "2026-11-21T09:00:00Z")
                .from()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
        assertThat(parse("--venue", "x", "--from", "2026-11-21T10:00:00.5Z", "--to", "now").types()).isEmpty();
    }

    @Test
    void boundsAreThoseAStoredUnitCanMatchOnARerun() throws Exception {
        Clock running = Clock.fixed(NOW.plusSeconds(42).plusNanos(123_456_789), ZoneOffset.UTC);
        BackfillArguments a = BackfillArguments.parse(new String[]{"--venue", "x", "--from",
                "2026-11-21T10:00:00.123456789Z", "--to", "now"}, running);
        assertThat(a.to()).as("now at the whole minute").isEqualTo(NOW);
        assertThat(a.from()).as("microseconds, as PostgreSQL stores a unit's bounds")
                .isEqualTo(Instant.parse("2026-11-21T10:00:00.123456Z"));
    }

    @Test
    void everyMistakeIsOneLineNamingTheArgument() {
        String[][] cases = {
                {"--from", "--from", "2026-01-01T00:00Z", "--to", "2026-01-02T00:00Z"},
                {"--from is required", "--venue", "binance-usdm", "--to", "2026-01-02T00:00Z"},
                {"--to is required", "--venue", "binance-usdm", "--from", "2026-01-01T00:00Z"},
                {"--venue is required", "--from", "2026-01-01T00:00Z", "--to", "2026-01-02T00:00Z"},
                {"--from: 'yesterday'", "--venue", "v", "--from", "yesterday", "--to", "now"},
                {"--to: '2026-13-01'", "--venue", "v", "--from", "2026-01-01", "--to", "2026-13-01"},
                {"--from: 2026-01-02T00:00:00Z is not before --to", "--venue", "v", "--from", "2026-01-02",
                        "--to", "2026-01-01"},
                {"--to: 2027-01-01T00:00:00Z is in the future", "--venue", "v", "--from", "2026-01-01", "--to",
                        "2027-01-01"},
                {"--types: unknown type 'weather'", "--venue", "v", "--from", "2026-01-01", "--to", "now",
                        "--types", "candles,weather"},
                {"--symbols: empty entry", "--venue", "v", "--from", "2026-01-01", "--to", "now", "--symbols",
                        "BTCUSDT,,ETHUSDT"},
                {"unknown option '--speed'", "--venue", "v", "--speed", "fast"},
                {"unexpected argument 'extra'", "extra"},
                {"--venue is given twice", "--venue", "a", "--venue", "b"},
                {"--venue needs a value", "--venue"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            assertThatThrownBy(() -> parse(args)).as(List.of(args).toString())
                    .isInstanceOf(BackfillArguments.Invalid.class)
                    .hasMessageStartingWith(c[0].equals("--from") ? "--venue is required" : c[0])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void unitsAreTypeBySymbolByUtcDayAndDoneOnesAreSkipped() {
        Instant from = Instant.parse("2026-01-01T12:00:00Z");
        Instant to = Instant.parse("2026-01-03T00:00:00Z");
        Map<String, List<String>> symbols = new LinkedHashMap<>();
        symbols.put("candle", List.of("BTCUSDT", "ETHUSDT"));
        symbols.put("funding-rate", List.of("BTCUSDT"));
        List<CompletedBackfills.Unit> units = BackfillPlan.units(symbols, from, to);
        assertThat(units).hasSize(6);
        assertThat(units.getFirst()).isEqualTo(new CompletedBackfills.Unit("candle", "BTCUSDT", from,
                Instant.parse("2026-01-02T00:00:00Z")));
        assertThat(units.get(1)).isEqualTo(new CompletedBackfills.Unit("candle", "BTCUSDT",
                Instant.parse("2026-01-02T00:00:00Z"), to));
        assertThat(units.getLast().eventType()).isEqualTo("funding-rate");
        assertThat(BackfillPlan.units(Map.of("trade", List.of("X")), from, from.plusSeconds(60)))
                .containsExactly(new CompletedBackfills.Unit("trade", "X", from, from.plusSeconds(60)));
        assertThat(BackfillPlan.pending(units, Set.of(units.get(0), units.get(3)))).containsExactly(units.get(1),
                units.get(2), units.get(4), units.get(5));
    }

    @Test
    void progressRendersBarCountsAndEta() {
        assertThat(ProgressLine.render(new ProgressLine.State(120, 284, 35_210, Duration.ofSeconds(80), null)))
                .isEqualTo("[##########--------------]  42%  120/284 requests  35,210 rows  ETA 1m20s");
        assertThat(ProgressLine.render(new ProgressLine.State(3, 0, 0, null, "planning")))
                .isEqualTo("3 requests  0 rows  planning");
        assertThat(ProgressLine.duration(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(ProgressLine.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
    }

    @Test
    void progressIsOneRewrittenLineOnATerminalAndPeriodicLinesOtherwise() {
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        ProgressLine onTty = new ProgressLine(new PrintStream(tty, true, StandardCharsets.UTF_8), true,
                Duration.ofSeconds(10));
        onTty.update(new ProgressLine.State(1, 10, 5, null, null), 0);
        onTty.update(new ProgressLine.State(2, 10, 10, null, null), 1);
        onTty.finish(new ProgressLine.State(10, 10, 50, null, "done"));
        String t = tty.toString(StandardCharsets.UTF_8);
        assertThat(t).startsWith("\r[##").contains("\r[####").endsWith("done\n");
        assertThat(t.chars().filter(ch -> ch == '\n').count()).isEqualTo(1);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ProgressLine plain = new ProgressLine(new PrintStream(file, true, StandardCharsets.UTF_8), false,
                Duration.ofSeconds(10));
        long s = 1_000_000_000L;
        plain.update(new ProgressLine.State(1, 10, 5, null, null), 0);
        plain.update(new ProgressLine.State(2, 10, 10, null, null), 5 * s);
        plain.update(new ProgressLine.State(3, 10, 15, null, null), 10 * s);
        plain.finish(new ProgressLine.State(10, 10, 50, null, null));
        String f = file.toString(StandardCharsets.UTF_8);
        assertThat(f).doesNotContain("\r");
        assertThat(f.lines().toList()).hasSize(3);
        assertThat(f.lines().toList().get(1)).contains("3/10 requests");
    }
}
