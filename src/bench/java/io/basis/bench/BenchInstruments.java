package io.basis.bench;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The instrument universe of the benchmark: perpetuals and dated futures of the usual bases on the usual venues
 * (most liquid first), Deribit options around the spot price, and index names. Depends only on the count and the
 * end of the time window, so every pass over the event stream sees the same instruments.
 */
final class BenchInstruments {

    enum Category { PERPETUAL, FUTURE, OPTION, INDEX }

    /**
     * One instrument. Prices are integers in units of 10^-priceScale and move in steps of tickUnits; sizes are in
     * units of 10^-amountScale, multiples of lotUnits. Inverse contracts are sized in USD contracts of
     * contractSizeUsd each. Futures and options have an expiry date.
     */
    record Inst(int index, String venue, String symbol, Category category, int baseRank, String base,
                double refPrice, int priceScale, long tickUnits, int amountScale, long lotUnits, boolean inverse,
                long contractSizeUsd, double popularity, boolean call, double strike, String underlyingIndex,
                LocalDate expiry) {
    }

    /** Base, reference price, price decimals and tick (in units of those decimals), size decimals and lot. */
    private record Base(String name, double price, int priceScale, long tick, int amountScale, long lot) {
    }

    private static final List<Base> BASES = List.of(
            new Base("BTC", 67123.40, 2, 10, 3, 1),
            new Base("ETH", 3456.78, 2, 1, 3, 1),
            new Base("SOL", 145.67, 2, 1, 2, 1),
            new Base("XRP", 0.5234, 4, 1, 1, 1),
            new Base("BNB", 580.12, 2, 1, 2, 1),
            new Base("DOGE", 0.12345, 5, 1, 0, 1),
            new Base("ADA", 0.4567, 4, 1, 0, 1),
            new Base("AVAX", 35.123, 3, 1, 1, 1),
            new Base("LINK", 14.567, 3, 1, 2, 1),
            new Base("SUI", 1.2345, 4, 1, 1, 1),
            new Base("LTC", 78.45, 2, 1, 3, 1),
            new Base("TON", 6.5432, 4, 1, 1, 1),
            new Base("1000PEPE", 0.0123400, 7, 1, 0, 1),
            new Base("DOT", 6.789, 3, 1, 1, 1),
            new Base("TRX", 0.12345, 5, 1, 0, 1),
            new Base("WIF", 2.3456, 4, 1, 1, 1),
            new Base("APT", 8.7654, 4, 1, 2, 1),
            new Base("ARB", 0.8765, 4, 1, 1, 1),
            new Base("OP", 1.8765, 4, 1, 1, 1),
            new Base("NEAR", 5.432, 3, 1, 1, 1),
            new Base("INJ", 22.345, 3, 1, 1, 1),
            new Base("ATOM", 7.891, 3, 1, 2, 1),
            new Base("FIL", 5.678, 3, 1, 1, 1),
            new Base("ETC", 25.678, 3, 1, 2, 1),
            new Base("UNI", 9.876, 3, 1, 1, 1),
            new Base("AAVE", 156.78, 2, 1, 1, 1),
            new Base("BCH", 456.78, 2, 1, 3, 1),
            new Base("XLM", 0.10234, 5, 1, 0, 1),
            new Base("HBAR", 0.08765, 5, 1, 0, 1),
            new Base("ICP", 11.234, 3, 1, 1, 1),
            new Base("SEI", 0.4567, 4, 1, 0, 1),
            new Base("TIA", 7.654, 3, 1, 1, 1));

    /** Perpetual venues, busiest first, with their share of activity. */
    private static final List<String> PERP_VENUES = List.of("binance-usdm", "bybit", "okx", "bitget", "hyperliquid");
    private static final double[] PERP_VENUE_WEIGHT = {1.0, 0.7, 0.5, 0.3, 0.25};
    private static final DateTimeFormatter DERIBIT_DATE = DateTimeFormatter.ofPattern("dMMMyy", Locale.ROOT);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

    private final List<Inst> all;

    BenchInstruments(int count, Instant end) {
        if (count < 4) {
            throw new IllegalArgumentException("--instruments must be at least 4");
        }
        int indices = Math.max(1, (int) Math.round(count * 0.05));
        int options = Math.max(1, (int) Math.round(count * 0.30));
        int derivatives = count - indices - options;
        int futures = Math.max(1, (int) Math.round(derivatives * 0.10));
        int perps = derivatives - futures;
        List<Inst> list = new ArrayList<>(count);
        addPerpetuals(list, perps);
        addFutures(list, futures, end);
        addOptions(list, options, end);
        addIndices(list, indices);
        this.all = List.copyOf(list);
    }

    List<Inst> all() {
        return all;
    }

    /** The instruments of the given categories, in universe order. */
    Inst[] of(Category... categories) {
        List<Category> wanted = List.of(categories);
        return all.stream().filter(i -> wanted.contains(i.category())).toArray(Inst[]::new);
    }

    private static double basePopularity(int rank) {
        return 1.0 / Math.pow(rank + 1, 1.2);
    }

    private void addPerpetuals(List<Inst> list, int count) {
        // Deribit and BitMEX inverse perpetuals sit between the big linear venues for BTC and ETH.
        int added = 0;
        outer:
        for (int rank = 0; ; rank++) {
            Base b = BASES.get(rank % BASES.size());
            String suffix = rank < BASES.size() ? "" : String.valueOf(rank / BASES.size());
            for (int v = 0; v < PERP_VENUES.size(); v++) {
                if (added == count) {
                    break outer;
                }
                String venue = PERP_VENUES.get(v);
                String base = b.name() + suffix;
                String symbol = switch (venue) {
                    case "okx" -> base + "-USDT-SWAP";
                    case "hyperliquid" -> base;
                    default -> base + "USDT";
                };
                list.add(new Inst(list.size(), venue, symbol, Category.PERPETUAL, rank, b.name(), b.price(),
                        b.priceScale(), b.tick(), b.amountScale(), b.lot(), false, 0,
                        basePopularity(rank) * PERP_VENUE_WEIGHT[v], false, 0, null, null));
                added++;
                if (rank < 2 && added < count && v == 1) {
                    boolean btc = rank == 0;
                    list.add(new Inst(list.size(), "deribit", b.name() + "-PERPETUAL", Category.PERPETUAL, rank,
                            b.name(), b.price(), btc ? 1 : 2, 5, 0, 1, true, btc ? 10 : 1,
                            basePopularity(rank) * 0.4, false, 0, null, null));
                    added++;
                }
                if (rank == 0 && added < count && v == 2) {
                    list.add(new Inst(list.size(), "bitmex", "XBTUSD", Category.PERPETUAL, rank, b.name(),
                            b.price(), 1, 5, 0, 100, true, 1, basePopularity(rank) * 0.2, false, 0, null, null));
                    added++;
                }
            }
        }
    }

    private void addFutures(List<Inst> list, int count, Instant end) {
        LocalDate today = end.atOffset(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> quarterlies = new ArrayList<>();
        for (LocalDate d = today.withDayOfMonth(1); quarterlies.size() < 8; d = d.plusMonths(1)) {
            if (d.getMonthValue() % 3 == 0) {
                LocalDate last = d.with(TemporalAdjusters.lastInMonth(DayOfWeek.FRIDAY));
                if (last.isAfter(today)) {
                    quarterlies.add(last);
                }
            }
        }
        int added = 0;
        for (int q = 0; added < count; q++) {
            LocalDate expiry = quarterlies.get(q % quarterlies.size());
            String gen = q < quarterlies.size() ? "" : String.valueOf(q / quarterlies.size());
            for (int rank = 0; rank < 2 && added < count; rank++) {
                Base b = BASES.get(rank);
                String deribitDate = DERIBIT_DATE.format(expiry).toUpperCase(Locale.ROOT);
                String[][] forms = {
                        {"deribit", b.name() + gen + "-" + deribitDate, "inverse"},
                        {"okx", b.name() + gen + "-USD-" + YYMMDD.format(expiry), "inverse"},
                        {"binance-usdm", b.name() + gen + "USDT_" + YYMMDD.format(expiry), "linear"}};
                for (String[] f : forms) {
                    if (added == count) {
                        break;
                    }
                    boolean inverse = f[2].equals("inverse");
                    long cs = !inverse ? 0 : f[0].equals("okx") ? (rank == 0 ? 100 : 10) : (rank == 0 ? 10 : 1);
                    list.add(new Inst(list.size(), f[0], f[1], Category.FUTURE, rank, b.name(),
                            b.price() * (1.01 + 0.01 * q), inverse ? 1 : b.priceScale(), inverse ? 5 : b.tick(),
                            inverse ? 0 : b.amountScale(), inverse ? 1 : b.lot(), inverse, cs,
                            basePopularity(rank) * 0.1 / (q + 1), false, 0, null, expiry));
                    added++;
                }
            }
        }
    }

    private void addOptions(List<Inst> list, int count, Instant end) {
        LocalDate today = end.atOffset(ZoneOffset.UTC).toLocalDate();
        Set<LocalDate> expiries = new LinkedHashSet<>();
        for (LocalDate d = today.plusDays(1); expiries.size() < 4; d = d.plusDays(1)) {
            expiries.add(d);                                              // dailies
        }
        for (LocalDate d = today.with(TemporalAdjusters.next(DayOfWeek.FRIDAY)); expiries.size() < 12;
             d = d.plusWeeks(1)) {
            expiries.add(d);                                              // weeklies and monthlies
        }
        List<LocalDate> exp = new ArrayList<>(expiries);
        int btc = (int) Math.ceil(count * 2 / 3.0);
        addOptionsOf(list, BASES.get(0), 1000, btc, exp);
        addOptionsOf(list, BASES.get(1), 50, count - btc, exp);
    }

    private void addOptionsOf(List<Inst> list, Base b, int strikeStep, int count, List<LocalDate> expiries) {
        int atm = (int) (Math.round(b.price() / strikeStep) * strikeStep);
        int added = 0;
        for (int k = 0; added < count; k++) {
            // Strikes fan out from the money: 0, +1, -1, +2, -2 ... steps, each with a call and a put, cycling expiries.
            int offset = (k / 2 + 1) / 2 * ((k / 2) % 2 == 0 ? 1 : -1);
            LocalDate expiry = expiries.get((k / 2) % expiries.size());
            int strike = atm + offset * strikeStep * (1 + (k / 2) / expiries.size());
            boolean call = k % 2 == 0;
            String date = DERIBIT_DATE.format(expiry).toUpperCase(Locale.ROOT);
            String symbol = b.name() + "-" + date + "-" + strike + "-" + (call ? "C" : "P");
            String underlying = "SYN." + b.name() + "-" + date;
            list.add(new Inst(list.size(), "deribit", symbol, Category.OPTION, b == BASES.get(0) ? 0 : 1, b.name(),
                    b.price(), 4, 5, 1, 1, false, 0, 1.0, call, strike, underlying, expiry));
            added++;
        }
    }

    private void addIndices(List<Inst> list, int count) {
        for (int i = 0; i < count; i++) {
            Base b = BASES.get(i % BASES.size());
            int round = i / BASES.size();
            String venue = round % 2 == 0 ? "deribit" : "okx";
            String symbol = round % 2 == 0
                    ? b.name().toLowerCase(Locale.ROOT) + (round == 0 ? "_usd" : "_usdc" + round)
                    : b.name() + "-USD" + (round > 1 ? "-" + round : "");
            list.add(new Inst(list.size(), venue, symbol, Category.INDEX, i % BASES.size(), b.name(), b.price(),
                    b.priceScale(), b.tick(), 0, 1, false, 0, 1.0, false, 0, null, null));
        }
    }
}
