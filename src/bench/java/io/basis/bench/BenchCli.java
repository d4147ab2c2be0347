package io.basis.bench;

import org.slf4j.LoggerFactory;

/**
 * The command-line side every benchmark shares: numeric options ({@code 20_000_000} and {@code 20,000,000} are
 * accepted), refusing bad ones with exit status 2, quiet logging, and seconds from {@code System.nanoTime} spans.
 */
final class BenchCli {
    private final String bench;
    private final String[] args;

    /** @param bench the name in messages, e.g. {@code "store"} gives "basis bench store: ..." */
    BenchCli(String bench, String[] args) {
        this.bench = bench;
        this.args = args;
    }

    /** The number at {@code args[i]}, the value of {@code option}. */
    long number(int i, String option) {
        if (i >= args.length) {
            fail(option + " needs a number");
        }
        try {
            return Long.parseLong(args[i].replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            fail(option + " needs a number, not '" + args[i] + "'");
            return 0;
        }
    }

    /** Prints the problem and exits with status 2. */
    void fail(String problem) {
        System.err.println("basis bench " + bench + ": " + problem + " (see --help)");
        System.exit(2);
    }

    /** Root logger at WARN: the embedded server and the pool would otherwise talk through the report. */
    static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
