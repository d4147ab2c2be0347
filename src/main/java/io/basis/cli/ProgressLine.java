package io.basis.cli;

import java.io.Console;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The terminal progress of a long command: on a terminal one line rewritten in place ({@code \r}), otherwise (a
 * file, a pipe, CI) a plain line at most every {@code plainEvery}, so logs stay readable. {@link #finish} always
 * prints the final state on its own line. Not thread-safe: one reporting thread.
 */
final class ProgressLine {
    private static final int BAR = 24;

    /** What is shown: requests done of the total (0 = unknown yet), rows written, estimated time left. */
    record State(long requestsDone, long requestsTotal, long rows, Duration eta, String note) {
    }

    private final PrintStream out;
    private final boolean terminal;
    private final long plainEveryNanos;
    private long lastPlainNanos = Long.MIN_VALUE;
    private int lastLength;

    ProgressLine(PrintStream out, boolean terminal, Duration plainEvery) {
        this.out = out;
        this.terminal = terminal;
        this.plainEveryNanos = plainEvery.toNanos();
    }

    /** Whether standard output is a terminal (false when redirected); {@code BASIS_PROGRESS=plain|tty} forces it. */
    static boolean stdoutIsTerminal() {
        String forced = System.getenv("BASIS_PROGRESS");
        if (forced != null) {
            return forced.equalsIgnoreCase("tty");
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try { // Console.isTerminal() exists from Java 22; before, a console means a terminal
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Shows the state: rewritten in place on a terminal, else printed if {@code plainEvery} has passed. */
    void update(State s, long nowNanos) {
        String line = render(s);
        if (terminal) {
            String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
            out.print("\r" + line + pad);
            out.flush();
            lastLength = line.length();
        } else if (lastPlainNanos == Long.MIN_VALUE || nowNanos - lastPlainNanos >= plainEveryNanos) {
            out.println(line);
            lastPlainNanos = nowNanos;
        }
    }

    /** The final state on its own line. */
    void finish(State s) {
        if (terminal) {
            update(s, 0);
            out.println();
        } else {
            out.println(render(s));
        }
        out.flush();
    }

    /** E.g. {@code [##########--------------]  42%  120/284 requests  35,210 rows  ETA 1m20s}. */
    static String render(State s) {
        StringBuilder b = new StringBuilder();
        if (s.requestsTotal() > 0) {
            double f = Math.min(1.0, (double) s.requestsDone() / s.requestsTotal());
            int filled = (int) Math.floor(f * BAR);
            b.append('[').append("#".repeat(filled)).append("-".repeat(BAR - filled)).append("] ");
            b.append(String.format(Locale.ROOT, "%3d%%  %,d/%,d requests", (int) Math.floor(f * 100),
                    s.requestsDone(), s.requestsTotal()));
        } else {
            b.append(String.format(Locale.ROOT, "%,d requests", s.requestsDone()));
        }
        b.append(String.format(Locale.ROOT, "  %,d rows", s.rows()));
        if (s.eta() != null) {
            b.append("  ETA ").append(duration(s.eta()));
        }
        if (s.note() != null && !s.note().isBlank()) {
            b.append("  ").append(s.note());
        }
        return b.toString();
    }

    /** 45s, 1m20s, 2h05m. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
        }
        return (s / 3600) + "h" + String.format(Locale.ROOT, "%02d", (s % 3600) / 60) + "m";
    }
}
