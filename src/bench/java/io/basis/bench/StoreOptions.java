package io.basis.bench;

/** The options of {@code basis bench store} (see {@link #parse} and {@code --help}). */
record StoreOptions(int events, int instruments, int batch, boolean keep, long seed, int warmup, int republish,
                    boolean pregenerate, boolean pgStats, boolean profile, int rounds, int rate, int pacedEvents) {
    static final long SEED = 20_240_501L;

    static StoreOptions parse(String[] args) {
        BenchCli cli = new BenchCli("store", args);
        int events = 1_000_000;
        int instruments = 200;
        int batch = 5_000;
        boolean keep = false;
        long seed = SEED;
        Integer warmup = null;
        int republish = 100_000;
        boolean pregenerate = false;
        boolean pgStats = false;
        boolean profile = false;
        int rounds = 1;
        int rate = 20_000;
        int pacedEvents = 200_000;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--events" -> events = (int) cli.number(++i, a);
                case "--instruments" -> instruments = (int) cli.number(++i, a);
                case "--batch" -> batch = (int) cli.number(++i, a);
                case "--seed" -> seed = cli.number(++i, a);
                case "--warmup" -> warmup = (int) cli.number(++i, a);
                case "--republish" -> republish = (int) cli.number(++i, a);
                case "--keep" -> keep = true;
                case "--pregenerate" -> pregenerate = true;
                case "--pg-stats" -> pgStats = true;
                case "--profile" -> profile = true;
                case "--rounds" -> rounds = (int) cli.number(++i, a);
                case "--rate" -> rate = (int) cli.number(++i, a);
                case "--paced-events" -> pacedEvents = (int) cli.number(++i, a);
                case "--help", "-h" -> {
                    System.out.println("""
                            usage: basis bench store [options]
                              --events N        events to write (default 1,000,000)
                              --instruments N   instruments (default 200, at least 4)
                              --batch N         writer batch size and raw COPY chunk (default 5000)
                              --warmup N        warm-up events through both paths first (default min(100,000, events/10))
                              --rounds N        run both phases N times and keep the best of each (default 1)
                              --republish N     events published again for the idempotency check (default 100,000)
                              --rate N          events/s of the steady-feed latency run (default 20,000)
                              --paced-events N  events of that run (default 200,000; 0 skips it)
                              --seed N          event stream seed
                              --pregenerate     generate all events up front and keep them in memory
                              --pg-stats        report PostgreSQL time per statement (pg_stat_statements) per phase
                              --profile         wall-clock profile of the writer thread and the raw COPY thread
                              --keep            keep the temporary data directory (PostgreSQL data, spool)
                            """);
                    System.exit(0);
                }
                default -> cli.fail("unknown option '" + a + "'");
            }
        }
        if (events < 1 || batch < 1 || republish < 0) {
            cli.fail("--events and --batch must be positive");
        }
        if (rate < 1 || pacedEvents < 0) {
            cli.fail("--rate must be positive and --paced-events not negative");
        }
        if (instruments < 4) {
            cli.fail("--instruments must be at least 4");
        }
        int w = warmup != null ? warmup : Math.min(100_000, events / 10);
        return new StoreOptions(events, instruments, batch, keep, seed, Math.max(0, w), republish, pregenerate,
                pgStats, profile, Math.max(1, rounds), rate, pacedEvents);
    }

    /** The options line of the report. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "--events %d --instruments %d --batch %d --seed %d --warmup %d "
                        + "--rounds %d --rate %d --paced-events %d%s%s%s%s", events, instruments, batch, seed, warmup,
                rounds, rate, pacedEvents,
                keep ? " --keep" : "", pregenerate ? " --pregenerate" : "", pgStats ? " --pg-stats" : "",
                profile ? " --profile" : "");
    }
}
