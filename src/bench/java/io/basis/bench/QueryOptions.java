package io.basis.bench;

import java.util.Locale;

/** The options of {@code basis bench query} (see {@link #parse} and {@code --help}). */
record QueryOptions(long rows, int instruments, int days, int runs, int warmup, double budgetSeconds, int batch,
                    long seed, boolean keep, boolean vacuum) {
    static final long SEED = 20_240_601L;

    static QueryOptions parse(String[] args) {
        BenchCli cli = new BenchCli("query", args);
        long rows = 20_000_000L;
        int instruments = 200;
        int days = 30;
        int runs = 200;
        int warmup = 10;
        double budget = 30;
        int batch = 50_000;
        long seed = SEED;
        boolean keep = false;
        boolean vacuum = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--rows" -> rows = cli.number(++i, a);
                case "--instruments" -> instruments = (int) cli.number(++i, a);
                case "--days" -> days = (int) cli.number(++i, a);
                case "--runs" -> runs = (int) cli.number(++i, a);
                case "--warmup" -> warmup = (int) cli.number(++i, a);
                case "--budget" -> budget = cli.number(++i, a);
                case "--batch" -> batch = (int) cli.number(++i, a);
                case "--seed" -> seed = cli.number(++i, a);
                case "--keep" -> keep = true;
                case "--analyze-only" -> vacuum = false;
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: basis bench query [options]
                              --rows N          rows to load (default 20,000,000): ~79% trades, 14% mark prices,
                                                1m candles of the busiest instruments (~7%), every funding period
                              --instruments N   instruments (default 200, at least 4)
                              --days N          days of history, one partition per day for trades (default 30)
                              --runs N          timed runs per query shape (default 200)
                              --warmup N        untimed runs per shape first (default 10)
                              --budget S        at most S seconds of timed runs per shape (default 30)
                              --batch N         events per COPY transaction while loading (default 50,000)
                              --seed N          seed of the data and of the query parameters
                              --analyze-only    ANALYZE the partitions after loading instead of VACUUM (ANALYZE)
                              --keep            keep the temporary data directory
                            """);
                    System.exit(0);
                }
                default -> cli.fail("unknown option '" + a + "'");
            }
        }
        if (rows < 1 || runs < 1 || batch < 1 || days < 1 || warmup < 0 || budget <= 0) {
            cli.fail("--rows, --runs, --batch, --days and --budget must be positive");
        }
        if (instruments < 4) {
            cli.fail("--instruments must be at least 4");
        }
        return new QueryOptions(rows, instruments, days, runs, warmup, budget, batch, seed, keep, vacuum);
    }

    /** The options line of the report. */
    String describe() {
        return String.format(Locale.ROOT, "--rows %d --instruments %d --days %d --runs %d --warmup %d --budget %.0f "
                        + "--batch %d --seed %d%s%s", rows, instruments, days, runs, warmup, budgetSeconds, batch,
                seed, vacuum ? "" : " --analyze-only", keep ? " --keep" : "");
    }
}
