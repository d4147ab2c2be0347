package io.basis.support;

import io.basis.cli.RecordCommand;
import io.basis.cli.ReplayCommand;
import io.basis.simulator.WsSimulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code basis record} and {@code basis replay} run in-process with their output captured, for record/replay ITs. */
public final class CommandRuns {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private CommandRuns() {
    }

    /** Runs {@code basis record}; its output, asserting exit status 0. */
    public static String record(String... args) {
        return run(true, args);
    }

    /** Runs {@code basis replay}; its output, asserting exit status 0. */
    public static String replay(String... args) {
        return run(false, args);
    }

    /**
     * Waits up to 20 s for the simulator to see a subscription to {@code stream}, failing with the recorder's own
     * output if it stopped first.
     */
    public static void awaitSubscribedWhile(WsSimulator ws, CompletableFuture<String> recording, String stream)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            if (recording.isDone()) {
                throw new AssertionError("the recorder stopped before subscribing: " + recording.get());
            }
            try {
                ws.awaitSubscribed(stream, Duration.ofMillis(200));
                return;
            } catch (AssertionError notYet) {
                assertThat(System.nanoTime()).as("subscription to " + stream).isLessThan(deadline);
            }
        }
    }

    private static String run(boolean record, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        try {
            int status = record ? new RecordCommand(print).run(args) : new ReplayCommand(print).run(args);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(status).as(text).isZero();
            return text;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
