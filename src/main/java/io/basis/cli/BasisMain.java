package io.basis.cli;

import io.basis.BasisApplication;

import java.util.Arrays;

/**
 * Entry point of the jar: {@code run} (default) starts the service; {@code bench <name>} runs a benchmark.
 * {@code replay}, {@code record} and {@code backfill} are the command-line tools.
 */
public final class BasisMain {
    private BasisMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "run" -> BasisApplication.main(rest);
            case "bench" -> runBenchmark(rest);
            case "replay" -> System.exit(new ReplayCommand(System.out).run(rest));
            case "record" -> System.exit(new RecordCommand(System.out).run(rest));
            case "backfill" -> System.exit(new BackfillCommand(System.out).run(rest));
            case "help", "--help", "-h" -> usage(0);
            default -> {
                System.err.println("basis: unknown command '" + command + "'");
                usage(2);
            }
        }
    }

    private static void runBenchmark(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("basis bench: name a benchmark: store, query, ingest");
            System.exit(2);
        }
        // Benchmarks are compiled from src/bench/java; loaded by name so the service never depends on them.
        String main = switch (args[0]) {
            case "store" -> "io.basis.bench.StoreBenchmark";
            case "query" -> "io.basis.bench.QueryBenchmark";
            case "ingest" -> "io.basis.bench.IngestBenchmark";
            default -> {
                System.err.println("basis bench: unknown benchmark '" + args[0] + "' (known: store, query, ingest)");
                System.exit(2);
                yield null;
            }
        };
        Class.forName(main).getMethod("main", String[].class)
                .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void usage(int status) {
        System.out.println("""
                usage: basis <command>
                  run                 start the service (port 8000, embedded PostgreSQL under ./data)
                  replay <capture> [--venue <id>]
                                      feed a capture through the parsers and writers; prints what was stored
                  record --venue <id> --duration 10m --out <file.jsonl.gz>
                                      record a venue's live frames into a capture
                  backfill --venue <id> --from <instant> --to <instant|now> [--types candles,funding,oi] [--symbols ...]
                                      fetch a venue's history of the range into the database (resumable)
                  bench store         storage benchmark (writer vs raw COPY)
                  bench query         query-layer latency on tens of millions of rows
                  bench ingest        Binance frames through parse, normalize and store (vs raw Jackson parse)
                """);
        System.exit(status);
    }
}
