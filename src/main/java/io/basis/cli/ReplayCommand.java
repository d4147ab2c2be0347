package io.basis.cli;

import io.basis.config.VenueConfig;
import io.basis.config.VenuesConfig;
import io.basis.ingest.CaptureDecoder;
import io.basis.ingest.VenueModule;
import io.basis.ingest.VenueModules;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureReader;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.store.EventWriter;
import io.basis.store.WriterStatistics;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code basis replay <capture> [--venue <id>]}: feeds a capture through the venue's own parsers and the same
 * writer as live data, then prints what was read and stored. The venue of each connection is inferred from its URL
 * host unless given. Idempotent: replaying a capture again stores nothing new.
 */
public final class ReplayCommand {
    private final PrintStream out;

    public ReplayCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String[] args) throws Exception {
        String file = null;
        String venue = null;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--venue") && i + 1 < args.length) {
                venue = args[++i];
            } else if (ToolContext.isSpringArgument(args[i])) {
                springArgs.add(args[i]);
            } else if (file == null && !args[i].startsWith("--")) {
                file = args[i];
            } else {
                return usage("unexpected argument '" + args[i] + "'");
            }
        }
        if (file == null) {
            return usage("name the capture file");
        }
        if (!Files.isRegularFile(Path.of(file))) {
            return usage("no such file: " + file);
        }
        if (venue != null && VenueModules.byId(venue).isEmpty()) {
            return usage("no connector for venue '" + venue + "' (known: "
                    + VenueModules.all().stream().map(VenueModule::id).toList() + ")");
        }
        try (ConfigurableApplicationContext ctx = ToolContext.start(springArgs)) {
            return replay(Path.of(file), venue, ctx);
        }
    }

    private int replay(Path file, String forcedVenue, ConfigurableApplicationContext ctx) throws Exception {
        VenuesConfig venues = ctx.getBean(VenuesConfig.class);
        EventWriter writer = ctx.getBean(EventWriter.class);
        WriterStatistics stats = writer.statistics();
        Map<EventType, Long> storedBefore = inserted(stats);
        Map<String, CaptureDecoder> decoders = new LinkedHashMap<>();
        Map<String, String> venueOfConnection = new HashMap<>();
        Map<String, Long> directions = new TreeMap<>();
        long unknownVenue = 0;
        long started = System.nanoTime();
        try (CaptureReader reader = CaptureReader.open(file, CaptureReader.Mode.LENIENT)) {
            while (reader.hasNext()) {
                CaptureFrame frame = reader.next();
                directions.merge(frame.direction().wire(), 1L, Long::sum);
                String venue = venueOfConnection.computeIfAbsent(frame.connection(),
                        c -> forcedVenue != null ? forcedVenue : infer(c).orElse(""));
                if (venue.isEmpty()) {
                    unknownVenue++;
                    continue;
                }
                CaptureDecoder decoder = decoders.computeIfAbsent(venue, v -> VenueModules.byId(v).orElseThrow()
                        .captureDecoder(config(venues, v)));
                for (MarketEvent e : decoder.decode(frame)) {
                    writer.publish(e);
                }
            }
            for (CaptureDecoder decoder : decoders.values()) {
                for (MarketEvent e : decoder.finish()) {
                    writer.publish(e);
                }
            }
            if (!writer.awaitStored(Duration.ofHours(6))) {
                out.println("replay: the database did not take the events in time; they wait in the spool");
                return 1;
            }
            report(file, reader, directions, unknownVenue, decoders, storedBefore, inserted(stats),
                    Duration.ofNanos(System.nanoTime() - started));
        }
        return 0;
    }

    private static Optional<String> infer(String connection) {
        try {
            return VenueModules.recognising(URI.create(connection)).map(VenueModule::id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The venue's entry in the venues file (its channels and storage policies), even when disabled for live use. */
    private static VenueConfig config(VenuesConfig venues, String id) {
        return venues.venue(id).orElseThrow(() -> new IllegalStateException("venue '" + id
                + "' has no entry in " + venues.source() + "; add one (it may stay disabled) to replay its captures"));
    }

    private void report(Path file, CaptureReader reader, Map<String, Long> directions, long unknownVenue,
                        Map<String, CaptureDecoder> decoders, Map<EventType, Long> before,
                        Map<EventType, Long> after, Duration took) {
        out.printf("replay    : %s (%s) in %.1f s%n", file, String.join(", ", decoders.keySet()),
                took.toMillis() / 1000.0);
        out.printf("frames    : %,d read %s; %,d malformed lines skipped%s%n", reader.framesRead(), directions,
                reader.skippedLines(), reader.truncated() ? "; file ends in a truncated gzip stream" : "");
        if (unknownVenue > 0) {
            out.printf("skipped   : %,d frames of connections no venue recognises (use --venue)%n", unknownVenue);
        }
        long decodedTotal = 0;
        Map<EventType, Long> decoded = new EnumMap<>(EventType.class);
        Map<String, Long> errors = new TreeMap<>();
        long unsupported = 0;
        for (CaptureDecoder d : decoders.values()) {
            CaptureDecoder.Summary s = d.summary();
            s.events().forEach((t, n) -> decoded.merge(t, n, Long::sum));
            s.parseErrors().forEach((r, n) -> errors.merge(r, n, Long::sum));
            unsupported += s.unsupported();
            decodedTotal += s.totalEvents();
        }
        Map<EventType, Long> stored = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            long n = after.get(t) - before.get(t);
            if (n != 0) {
                stored.put(t, n);
            }
        }
        long storedTotal = stored.values().stream().mapToLong(Long::longValue).sum();
        out.printf("events    : %,d decoded %s%n", decodedTotal, byId(decoded));
        out.printf("stored    : %,d new rows %s (the rest were already stored or replaced older values)%n",
                storedTotal, byId(stored));
        out.printf("errors    : %,d parse errors %s; %,d unsupported frames%n",
                errors.values().stream().mapToLong(Long::longValue).sum(), errors, unsupported);
    }

    private static Map<String, Long> byId(Map<EventType, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        counts.forEach((t, n) -> out.put(t.id(), n));
        return out;
    }

    private static Map<EventType, Long> inserted(WriterStatistics stats) {
        Map<EventType, Long> m = new EnumMap<>(EventType.class);
        for (EventType t : EventType.values()) {
            m.put(t, stats.insertedRows(t));
        }
        return m;
    }

    private int usage(String problem) {
        System.err.println("basis replay: " + problem);
        System.err.println("usage: basis replay <capture.jsonl[.gz]> [--venue <id>] [--basis.key=value ...]");
        return 2;
    }
}
