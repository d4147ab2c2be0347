package io.basis.bench;

import java.util.Locale;

/** The options of {@code basis bench ingest --workload deribit-options} (see {@link #parse} and {@code --help}). */
record DeribitOptionsOptions(int frames, int instruments, double unchanged, int hours, long seed, int rounds,
                             int warmup, int batch, boolean keep) {

    static DeribitOptionsOptions parse(String[] args) {
        BenchCli cli = new BenchCli("ingest --workload deribit-options", args);
        int frames = 1_000_000;
        int instruments = 100;
        int unchangedPercent = 15;
        int hours = 10;
        long seed = IngestOptions.SEED;
        int rounds = 3;
        Integer warmup = null;
        int batch = 5_000;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--frames" -> frames = (int) cli.number(++i, a);
                case "--instruments" -> instruments = (int) cli.number(++i, a);
                case "--unchanged-percent" -> unchangedPercent = (int) cli.number(++i, a);
                case "--hours" -> hours = (int) cli.number(++i, a);
                case "--seed" -> seed = cli.number(++i, a);
                case "--rounds" -> rounds = (int) cli.number(++i, a);
                case "--warmup" -> warmup = (int) cli.number(++i, a);
                case "--batch" -> batch = (int) cli.number(++i, a);
                case "--keep" -> keep = true;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: basis bench ingest --workload deribit-options [options]
                              --frames N             ticker frames to generate and push (default 1,000,000)
                              --instruments N        options, half BTC, half ETH (default 100)
                              --unchanged-percent N  share of frames that change no stored field (default 15)
                              --hours N              venue time the frames span, ending at today's 00:00 UTC (default 10)
                              --rounds N             measured raw/parse passes, best kept (default 3, after 1 warm-up)
                              --warmup N             frames through the store path first, then emptied
                                                     (default min(100,000, frames/10))
                              --batch N              writer batch size (default 5000, as the service)
                              --seed N               frame generator seed
                              --keep                 keep the temporary data directory
                            """);
                    System.exit(0);
                }
                default -> cli.fail("unknown option '" + a + "'");
            }
        }
        if (frames < 1 || instruments < 2 || batch < 1 || hours < 1 || unchangedPercent < 0 || unchangedPercent > 100) {
            cli.fail("--frames, --batch, --hours must be positive, --instruments ≥ 2, --unchanged-percent 0..100");
        }
        int w = warmup != null ? warmup : Math.min(100_000, frames / 10);
        return new DeribitOptionsOptions(frames, instruments, unchangedPercent / 100.0, hours, seed,
                Math.max(1, rounds), Math.max(0, Math.min(w, frames)), batch, keep);
    }

    String describe() {
        return String.format(Locale.ROOT, "--workload deribit-options --frames %d --instruments %d --unchanged-percent"
                        + " %.0f --hours %d --rounds %d --warmup %d --batch %d --seed %d%s", frames, instruments,
                unchanged * 100, hours, rounds, warmup, batch, seed, keep ? " --keep" : "");
    }
}
