package io.basis.cli;

import io.basis.ingest.VenueConnector;
import io.basis.ingest.VenueModule;
import io.basis.ingest.VenueModules;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.ingest.capture.CaptureWriter;
import io.basis.ingest.runtime.FrameTap;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code basis record --venue <id> --duration 10m --out file.jsonl.gz}: runs the venue's live connector against
 * the URLs of the venues file and writes every WebSocket frame in and out (and every open and close) and every
 * REST exchange to a capture file; the events also go to the database as in live operation. Stops after the duration or on Ctrl-C, always
 * closing the capture cleanly.
 */
public final class RecordCommand {
    private final PrintStream out;

    public RecordCommand(PrintStream out) {
        this.out = out;
    }

    public int run(String[] args) throws Exception {
        String venue = null;
        Duration duration = null;
        Path file = null;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (ToolContext.isSpringArgument(a)) {
                springArgs.add(a);
            } else if (i + 1 >= args.length) {
                return usage("'" + a + "' needs a value");
            } else if (a.equals("--venue")) {
                venue = args[++i];
            } else if (a.equals("--duration")) {
                try {
                    duration = DurationStyle.detectAndParse(args[++i]);
                } catch (IllegalArgumentException e) {
                    return usage("--duration: '" + args[i] + "' is not a duration like 30s, 10m or 2h");
                }
            } else if (a.equals("--out")) {
                file = Path.of(args[++i]);
            } else {
                return usage("unexpected argument '" + a + "'");
            }
        }
        if (venue == null || duration == null || file == null || duration.isNegative() || duration.isZero()) {
            return usage("--venue, a positive --duration and --out are required");
        }
        VenueModule module = VenueModules.byId(venue).orElse(null);
        if (module == null) {
            return usage("no connector for venue '" + venue + "' (known: "
                    + VenueModules.all().stream().map(VenueModule::id).toList() + ")");
        }
        try (ConfigurableApplicationContext ctx = ToolContext.start(springArgs);
             CaptureWriter capture = CaptureWriter.create(file)) {
            return record(ctx, module, venue, duration, capture);
        }
    }

    private int record(ConfigurableApplicationContext ctx, VenueModule module, String venue, Duration duration,
                       CaptureWriter capture) throws Exception {
        FrameTap tap = new FrameTap() {
            @Override
            public void frame(String url, Direction direction, String text, Instant at) {
                write(capture, RecordCommand.frame(url, direction, text, at));
            }

            @Override
            public void restExchange(String url, Instant sentAt, Integer status, String body, Instant at) {
                write(capture, CaptureFrame.restRequest(sentAt, url, "GET"));
                write(capture, status == null ? CaptureFrame.closed(at, url, body)
                        : CaptureFrame.restResponse(at, url, status, body));
            }
        };
        VenueConnector connector = ToolContext.connector(ctx, module, tap);
        Thread stopper = new Thread(connector::close);
        Runtime.getRuntime().addShutdownHook(stopper);
        out.printf("record    : %s for %s into %s (Ctrl-C stops early)%n", venue, duration, capture.target());
        connector.start();
        Thread.sleep(duration);
        connector.close();
        Runtime.getRuntime().removeShutdownHook(stopper);
        capture.flush();
        out.printf("recorded  : %,d frames%n", capture.framesWritten());
        return 0;
    }

    private static void write(CaptureWriter capture, CaptureFrame frame) {
        try {
            capture.write(frame);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the capture " + capture.target(), e);
        }
    }

    private static CaptureFrame frame(String url, FrameTap.Direction direction, String text, Instant at) {
        return switch (direction) {
            case IN -> CaptureFrame.received(at, url, text);
            case OUT -> CaptureFrame.sent(at, url, text);
            case OPEN -> CaptureFrame.opened(at, url);
            case CLOSE -> CaptureFrame.closed(at, url, text);
        };
    }

    private int usage(String problem) {
        System.err.println("basis record: " + problem);
        System.err.println("usage: basis record --venue <id> --duration <30s|10m|2h> --out <file.jsonl[.gz]>");
        return 2;
    }
}
