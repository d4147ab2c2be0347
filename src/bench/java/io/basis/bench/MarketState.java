package io.basis.bench;

import io.basis.bench.BenchInstruments.Category;
import io.basis.bench.BenchInstruments.Inst;
import io.basis.model.EventType;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simulated market behind the event builders: per instrument a random-walking mid price (options follow their
 * underlying), open interest, trade id and book sequence counters and the last time of each stream; plus the
 * random draws the builders share (receive delays, USD sizes). All randomness comes from the one generator the
 * stream owns, so the draw order, and with it the stream, is fixed by the seed. Not thread-safe.
 */
final class MarketState {

    /** Mutable per-instrument market state. */
    static final class State {
        double mid;
        double underlying;
        double openInterest;
        long tradeId;
        long bookSequence;
        long lastCandleOpen;
        long lastFundingTime;
        final long[] lastMillis = new long[EventType.values().length];
    }

    private final SplittableRandom rnd;
    private final State[] states;

    MarketState(SplittableRandom rnd, BenchInstruments universe) {
        this.rnd = rnd;
        SplittableRandom init = new SplittableRandom(0x5EED_BA515L);
        this.states = new State[universe.all().size()];
        for (Inst inst : universe.all()) {
            State s = new State();
            s.mid = inst.category() == Category.OPTION ? optionPrice(inst, inst.refPrice()) : inst.refPrice();
            s.underlying = inst.refPrice();
            s.tradeId = 1_000_000_000L + init.nextLong(3_000_000_000L);
            s.bookSequence = 10_000_000_000L + init.nextLong(90_000_000_000L);
            s.openInterest = 50_000_000 * Math.max(0.05, inst.popularity()) * (0.5 + init.nextDouble());
            states[inst.index()] = s;
        }
    }

    State of(Inst inst) {
        return states[inst.index()];
    }

    /** One step of the instrument's mid price random walk. */
    State walk(Inst inst, double sigma) {
        State s = states[inst.index()];
        s.mid = Math.max(MarketUnits.tick(inst) * 10, s.mid * (1 + rnd.nextGaussian() * sigma));
        return s;
    }

    /** One step of an option's underlying, and the option's premium that follows from it. */
    State walkOption(Inst inst) {
        State s = states[inst.index()];
        s.underlying *= 1 + rnd.nextGaussian() * 0.0005;
        s.mid = Math.max(0.0001, optionPrice(inst, s.underlying) * (1 + rnd.nextGaussian() * 0.01));
        return s;
    }

    /** A rough option premium in units of the underlying (Deribit quotes options in BTC/ETH). */
    static double optionPrice(Inst inst, double underlying) {
        double intrinsic = Math.max(0, inst.call() ? underlying - inst.strike() : inst.strike() - underlying);
        double time = 0.02 * underlying * StrictMath.exp(-Math.abs(StrictMath.log(inst.strike() / underlying)) * 6);
        return (intrinsic + time) / underlying;
    }

    /** Per-stream venue times strictly increase, so (instrument, ts) keys never repeat. */
    static long streamTime(State s, EventType type, long t) {
        long last = s.lastMillis[type.ordinal()];
        long v = t > last ? t : last + 1;
        s.lastMillis[type.ordinal()] = v;
        return v;
    }

    /** Local receive time: 1-60 ms after the venue time, microsecond resolution. */
    Instant received(long venueMillis) {
        long micros = venueMillis * 1000 + 1000 + rnd.nextInt(59_000);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    /** A log-normal USD size around {@code median}, clipped to [5, 20M]. */
    double usdSize(double median, double sigma) {
        return Math.min(2e7, Math.max(5, median * StrictMath.exp(rnd.nextGaussian() * sigma)));
    }

    /** The size of one order book level, in lots (USD contracts for inverse instruments). */
    long levelSize(Inst inst, State s) {
        if (inst.inverse()) {
            return Math.max(1, Math.round(usdSize(40_000, 1.2) / inst.contractSizeUsd())) * inst.lotUnits();
        }
        return MarketUnits.lots(inst, usdSize(40_000, 1.2) / s.mid);
    }
}
