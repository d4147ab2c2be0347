package io.basis.bench;

import java.util.Locale;

/** The options of {@code basis bench ingest} (see {@link #parse} and {@code --help}). */
record IngestOptions(int frames, long seed, int rounds, int warmup, int batch, int rate, int pacedFrames,
                     boolean skipStore, boolean profile, boolean keep) {
    static final long SEED = 20_250_601L;

    static IngestOptions parse(String[] args) {
        BenchCli cli = new BenchCli("ingest", args);
        int frames = 1_000_000;
        long seed = SEED;
        int rounds = 3;
        Integer warmup = null;
        int batch = 5_000;
        int rate = 20_000;
        int pacedFrames = 200_000;
        boolean skipStore = false;
        boolean profile = false;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--frames" -> frames = (int) cli.number(++i, a);
                case "--seed" -> seed = cli.number(++i, a);
                case "--rounds" -> rounds = (int) cli.number(++i, a);
                case "--warmup" -> warmup = (int) cli.number(++i, a);
                case "--batch" -> batch = (int) cli.number(++i, a);
                case "--rate" -> rate = (int) cli.number(++i, a);
                case "--paced-frames" -> pacedFrames = (int) cli.number(++i, a);
                case "--no-store" -> skipStore = true;
                case "--profile" -> profile = true;
                case "--keep" -> keep = true;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: basis bench ingest [options]
                              --frames N        Binance USD-M frames to generate and push (default 1,000,000)
                              --rounds N        measured passes of phases A and B, best kept (default 3, after 1 warm-up)
                              --warmup N        frames through the store path before phase C (default min(100,000, frames/10))
                              --batch N         writer batch size (default 5000, as the service)
                              --rate N          frames/s of the steady-feed latency run (default 20,000)
                              --paced-frames N  frames of that run (default 200,000; 0 skips it)
                              --seed N          frame generator seed
                              --no-store        phases A and B only (no PostgreSQL)
                              --profile         wall-clock profile of the parser thread in phase B and C
                              --keep            keep the temporary data directory
                              --workload W      binance-usdm (the default, this one) or deribit-options
                                                (options: --workload deribit-options --help)
                            """);
                    System.exit(0);
                }
                default -> cli.fail("unknown option '" + a + "'");
            }
        }
        if (frames < 1 || batch < 1 || rate < 1 || pacedFrames < 0) {
            cli.fail("--frames, --batch and --rate must be positive, --paced-frames not negative");
        }
        int w = warmup != null ? warmup : Math.min(100_000, frames / 10);
        return new IngestOptions(frames, seed, Math.max(1, rounds), Math.max(0, Math.min(w, frames)), batch, rate,
                Math.min(pacedFrames, frames), skipStore, profile, keep);
    }

    String describe() {
        return String.format(Locale.ROOT, "--frames %d --rounds %d --warmup %d --batch %d --rate %d --paced-frames %d"
                        + " --seed %d%s%s%s", frames, rounds, warmup, batch, rate, pacedFrames, seed,
                skipStore ? " --no-store" : "", profile ? " --profile" : "", keep ? " --keep" : "");
    }
}
