package io.basis.bench;

import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.ContractType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.OptionType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The venue listing ({@link Instrument}) of a benchmark instrument, as an adapter would publish it: kind, contract
 * type, normalized symbol ({@code BTC-USDT-PERP}, {@code BTC-USD-261225}, {@code BTC-USD-261225-70000-C},
 * {@code BTC-BTC_USD}), tick and lot size, expiry at 08:00 UTC. Lets the instrument queries of the API run on
 * metadata the way they do in the service.
 */
final class BenchListings {
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd", Locale.ROOT);

    private BenchListings() {
    }

    static Instrument listing(Inst inst, Instant listedAt) {
        String base = inst.category() == BenchInstruments.Category.INDEX ? inst.base() : symbolBase(inst);
        String quote = quote(inst);
        Instant expiry = inst.expiry() == null ? null
                : inst.expiry().atTime(LocalTime.of(8, 0)).toInstant(ZoneOffset.UTC);
        BigDecimal tick = MarketUnits.dec(inst.tickUnits(), inst.priceScale());
        BigDecimal lot = MarketUnits.dec(inst.lotUnits(), inst.amountScale());
        return switch (inst.category()) {
            case PERPETUAL, FUTURE -> new Instrument(inst.venue(), inst.symbol(),
                    base + "-" + quote + "-" + (expiry == null ? "PERP" : YYMMDD.format(inst.expiry())),
                    inst.category() == BenchInstruments.Category.PERPETUAL ? InstrumentKind.PERPETUAL
                            : InstrumentKind.FUTURE, base, quote, inst.inverse() ? base : quote,
                    inst.inverse() ? BigDecimal.valueOf(inst.contractSizeUsd()) : BigDecimal.ONE,
                    inst.inverse() ? ContractType.INVERSE : ContractType.LINEAR, expiry, null, null, tick, lot,
                    listedAt, listedAt);
            case OPTION -> new Instrument(inst.venue(), inst.symbol(), base + "-USD-" + YYMMDD.format(inst.expiry())
                    + "-" + (long) inst.strike() + (inst.call() ? "-C" : "-P"), InstrumentKind.OPTION, base, "USD",
                    base, BigDecimal.ONE, ContractType.INVERSE, expiry, BigDecimal.valueOf((long) inst.strike()),
                    inst.call() ? OptionType.CALL : OptionType.PUT, tick, lot, listedAt, listedAt);
            case INDEX -> new Instrument(inst.venue(), inst.symbol(),
                    inst.base() + "-" + inst.symbol().toUpperCase(Locale.ROOT), InstrumentKind.INDEX, inst.base(),
                    "USD", null, null, null, null, null, null, tick, null, listedAt, listedAt);
        };
    }

    /** The base as the symbol spells it (generated universes append a number: {@code BTC1USDT}). */
    private static String symbolBase(Inst inst) {
        String s = inst.symbol();
        return switch (inst.venue()) {
            case "bitmex" -> inst.base();
            case "hyperliquid" -> s;
            case "okx", "deribit" -> s.substring(0, s.indexOf('-'));
            default -> s.substring(0, s.indexOf("USDT"));
        };
    }

    private static String quote(Inst inst) {
        if (inst.inverse()) {
            return "USD";
        }
        return inst.venue().equals("hyperliquid") ? "USDC" : "USDT";
    }
}
