package io.basis.bench;

import io.basis.bench.BenchInstruments.Inst;
import io.basis.bench.MarketState.State;
import io.basis.model.BookSnapshot;
import io.basis.model.Candle;
import io.basis.model.EventType;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Liquidation;
import io.basis.model.MarkPrice;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.PriceLevel;
import io.basis.model.Side;
import io.basis.model.Trade;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import static io.basis.bench.MarketUnits.POW10;
import static io.basis.bench.MarketUnits.dec;
import static io.basis.bench.MarketUnits.hex;
import static io.basis.bench.MarketUnits.lots;
import static io.basis.bench.MarketUnits.priceUnits;
import static io.basis.bench.MarketUnits.tick;

/**
 * Builds one realistic event of each type for a given instrument and time, moving that instrument's simulated
 * market ({@link MarketState}) on the way. Decimals carry the scale venues send ("67123.40", "0.012", Binance's
 * "67123.40000000"); per-stream times strictly increase, trade ids and book sequences count up, candles get
 * distinct open minutes and funding rates distinct funding periods, so every natural key is unique. Which
 * instrument and when is the caller's choice ({@link EventMix}). Not thread-safe.
 */
final class EventFactory {
    private static final int BOOK_DEPTH = 10;

    private final SplittableRandom rnd;
    private final MarketState market;

    EventFactory(SplittableRandom rnd, BenchInstruments universe) {
        this.rnd = rnd;
        this.market = new MarketState(rnd, universe);
    }

    Trade trade(Inst inst, long t) {
        State s = market.walk(inst, 0.0004);
        long ms = MarketState.streamTime(s, EventType.TRADE, t);
        long price = priceUnits(inst, s.mid + (rnd.nextInt(5) - 2) * tick(inst));
        BigDecimal p = dec(price, inst.priceScale());
        double usd = market.usdSize(1_500, 1.7);
        long amount = inst.inverse() ? Math.max(1, Math.round(usd / inst.contractSizeUsd())) * inst.lotUnits()
                : lots(inst, usd / s.mid);
        BigDecimal a = dec(amount, inst.amountScale());
        BigDecimal base;
        BigDecimal notional;
        if (inst.inverse()) {
            notional = dec(amount * inst.contractSizeUsd(), 0);
            base = dec(Math.round(amount * inst.contractSizeUsd() / p.doubleValue() * 1e8), 8);
        } else {
            base = a;
            notional = p.multiply(a);
        }
        String id = inst.venue().equals("bybit") ? uuid(s.tradeId++) : Long.toString(s.tradeId++);
        return new Trade(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms), id, p, a, base,
                notional, rnd.nextBoolean() ? Side.BUY : Side.SELL, notional.doubleValue() >= 1_000_000);
    }

    Trade optionTrade(Inst inst, long t) {
        State s = market.walkOption(inst);
        long ms = MarketState.streamTime(s, EventType.TRADE, t);
        BigDecimal p = dec(priceUnits(inst, s.mid), inst.priceScale());
        BigDecimal a = dec(Math.max(1, Math.round(market.usdSize(20_000, 1.2) / s.underlying * 10)), 1);
        BigDecimal notional = dec(Math.round(p.doubleValue() * a.doubleValue() * s.underlying * 100), 2);
        return new Trade(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                inst.base() + "-" + s.tradeId++, p, a, a, notional, rnd.nextBoolean() ? Side.BUY : Side.SELL,
                false);
    }

    BookSnapshot book(Inst inst, long t) {
        State s = market.walk(inst, 0.0004);
        long ms = MarketState.streamTime(s, EventType.BOOK_SNAPSHOT, t);
        long tick = inst.tickUnits();
        long mid = priceUnits(inst, s.mid);
        PriceLevel[] bids = new PriceLevel[BOOK_DEPTH];
        PriceLevel[] asks = new PriceLevel[BOOK_DEPTH];
        long bid = mid - tick * (1 + rnd.nextInt(2));
        long ask = mid + tick * (1 + rnd.nextInt(2));
        for (int i = 0; i < BOOK_DEPTH; i++) {
            bids[i] = new PriceLevel(dec(Math.max(tick, bid), inst.priceScale()),
                    dec(market.levelSize(inst, s), inst.amountScale()));
            asks[i] = new PriceLevel(dec(ask, inst.priceScale()), dec(market.levelSize(inst, s), inst.amountScale()));
            bid -= tick * (1 + rnd.nextInt(3));
            ask += tick * (1 + rnd.nextInt(3));
        }
        s.bookSequence += 1 + rnd.nextInt(40);
        return new BookSnapshot(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                s.bookSequence, List.of(bids), List.of(asks));
    }

    MarkPrice markPrice(Inst inst, long t) {
        State s = market.walk(inst, 0.0002);
        long ms = MarketState.streamTime(s, EventType.MARK_PRICE, t);
        long mark = priceUnits(inst, s.mid);
        double index = s.mid * (1 - 0.0002 + rnd.nextDouble() * 0.0004);
        if (inst.venue().equals("binance-usdm")) {
            // Binance sends 8 decimals everywhere: "67123.40000000", index "67120.12127660".
            return new MarkPrice(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                    dec(mark * POW10[8 - inst.priceScale()], 8), dec(Math.round(index * 1e8), 8),
                    dec(Math.round(index * (1 + rnd.nextDouble() * 0.0001) * 1e8), 8));
        }
        BigDecimal idx = dec(priceUnits(inst, index), inst.priceScale());
        return new MarkPrice(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                dec(mark, inst.priceScale()), idx, inst.venue().equals("deribit") ? idx : null);
    }

    OptionTicker optionTicker(Inst inst, long t) {
        State s = market.walkOption(inst);
        long ms = MarketState.streamTime(s, EventType.OPTION_TICKER, t);
        long mark = priceUnits(inst, s.mid);
        long tick = inst.tickUnits();
        boolean emptyBid = mark <= tick || rnd.nextInt(20) == 0;
        long bid = Math.max(tick, mark - tick * (1 + rnd.nextInt(4)));
        long ask = mark + tick * (1 + rnd.nextInt(4));
        double iv = 45 + 30 * Math.abs(StrictMath.log(inst.strike() / s.underlying)) + rnd.nextDouble() * 2;
        double moneyness = StrictMath.log(s.underlying / inst.strike()) * 8;
        double callDelta = 1 / (1 + StrictMath.exp(-moneyness));
        double delta = inst.call() ? callDelta : callDelta - 1;
        return new OptionTicker(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                emptyBid ? null : dec(bid, 4), emptyBid ? null : dec(1 + rnd.nextInt(500), 1),
                dec(ask, 4), dec(1 + rnd.nextInt(500), 1), dec(mark, 4),
                emptyBid ? null : dec(Math.round((iv - 2) * 100), 2), dec(Math.round((iv + 2) * 100), 2),
                dec(Math.round(iv * 100), 2), dec(Math.round(delta * 1e5), 5),
                dec(Math.round(callDelta * (1 - callDelta) * 4e-5 * 1e5), 5),
                dec(Math.round(callDelta * (1 - callDelta) * 400 * 1e5), 5),
                dec(-Math.round((10 + rnd.nextDouble() * 90) * 1e5), 5), dec(Math.round(delta * 50 * 1e5), 5),
                dec(Math.round(s.openInterest / 20_000), 1), dec(Math.round(s.underlying * 1e4), 4),
                inst.underlyingIndex());
    }

    Candle candle(Inst inst, long t) {
        State s = market.of(inst);
        double open = s.mid;
        market.walk(inst, 0.002);
        long openTime = Math.floorDiv(t, 60_000L) * 60_000L - 60_000L;
        if (openTime <= s.lastCandleOpen) {
            openTime = s.lastCandleOpen + 60_000L;
        }
        s.lastCandleOpen = openTime;
        long o = priceUnits(inst, open);
        long c = priceUnits(inst, s.mid);
        long h = Math.max(o, c) + inst.tickUnits() * rnd.nextInt(20);
        long l = Math.max(inst.tickUnits(), Math.min(o, c) - inst.tickUnits() * rnd.nextInt(20));
        long volume = lots(inst, market.usdSize(200_000, 1.0) / s.mid);
        BigDecimal v = dec(volume, inst.amountScale());
        double quote = v.doubleValue()
                * (inst.inverse() ? inst.contractSizeUsd() : (o + c) / 2.0 / POW10[inst.priceScale()]);
        long closeMs = openTime + 60_000L;
        return new Candle(inst.venue(), inst.symbol(), Instant.ofEpochMilli(openTime), market.received(closeMs),
                Duration.ofMinutes(1), dec(o, inst.priceScale()), dec(h, inst.priceScale()), dec(l, inst.priceScale()),
                dec(c, inst.priceScale()), v, dec(Math.round(quote * 1e4), 4), 10L + rnd.nextInt(5_000), true);
    }

    OpenInterest openInterest(Inst inst, long t) {
        State s = market.walk(inst, 0.0004);
        long ms = MarketState.streamTime(s, EventType.OPEN_INTEREST, t);
        s.openInterest *= 1 + rnd.nextGaussian() * 0.002;
        double usd = s.openInterest;
        if (inst.inverse()) {
            long contracts = Math.max(1, Math.round(usd / inst.contractSizeUsd()));
            return new OpenInterest(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                    dec(contracts, 0), dec(Math.round(contracts * inst.contractSizeUsd() / s.mid * 1e8), 8),
                    dec(contracts * inst.contractSizeUsd(), 0));
        }
        BigDecimal amount = dec(lots(inst, usd / s.mid), inst.amountScale());
        return new OpenInterest(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms), amount,
                amount, dec(Math.round(amount.doubleValue() * s.mid * 100), 2));
    }

    Liquidation liquidation(Inst inst, long t) {
        State s = market.walk(inst, 0.0008);
        long ms = MarketState.streamTime(s, EventType.LIQUIDATION, t);
        boolean sell = rnd.nextBoolean();
        BigDecimal p = dec(priceUnits(inst, s.mid * (sell ? 0.999 : 1.001)), inst.priceScale());
        double usd = market.usdSize(8_000, 1.5);
        if (inst.inverse()) {
            long contracts = Math.max(1, Math.round(usd / inst.contractSizeUsd()));
            return new Liquidation(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                    sell ? Side.SELL : Side.BUY, p, dec(contracts, 0),
                    dec(Math.round(contracts * inst.contractSizeUsd() / p.doubleValue() * 1e8), 8),
                    dec(contracts * inst.contractSizeUsd(), 0));
        }
        BigDecimal a = dec(lots(inst, usd / s.mid), inst.amountScale());
        return new Liquidation(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                sell ? Side.SELL : Side.BUY, p, a, a, p.multiply(a));
    }

    FundingRate funding(Inst inst, long t, long fundingIntervalMillis) {
        State s = market.of(inst);
        long ms = MarketState.streamTime(s, EventType.FUNDING_RATE, t);
        long fundingTime = Math.floorDiv(ms, fundingIntervalMillis) * fundingIntervalMillis + fundingIntervalMillis;
        if (fundingTime <= s.lastFundingTime) {
            fundingTime = s.lastFundingTime + fundingIntervalMillis;
        }
        s.lastFundingTime = fundingTime;
        double rate = 0.0001 + rnd.nextGaussian() * 0.00015;
        boolean binance = inst.venue().equals("binance-usdm");
        BigDecimal r = binance ? dec(Math.round(rate * 1e8), 8) : dec(Math.round(rate * 1e6), 6);
        BigDecimal predicted = binance ? null : dec(Math.round((rate + rnd.nextGaussian() * 0.00005) * 1e6), 6);
        return new FundingRate(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                Instant.ofEpochMilli(fundingTime), r, predicted, Duration.ofMillis(fundingIntervalMillis));
    }

    IndexPrice indexPrice(Inst inst, long t) {
        State s = market.walk(inst, 0.0002);
        long ms = MarketState.streamTime(s, EventType.INDEX_PRICE, t);
        return new IndexPrice(inst.venue(), inst.symbol(), Instant.ofEpochMilli(ms), market.received(ms),
                dec(priceUnits(inst, s.mid), inst.priceScale()));
    }

    /** A version-4 style UUID whose last group carries the per-instrument sequence (Bybit trade ids). */
    private String uuid(long seq) {
        long hi = rnd.nextLong();
        StringBuilder b = new StringBuilder(36);
        hex(b, hi >>> 32, 8).append('-');
        hex(b, (hi >>> 16) & 0xffff, 4).append('-');
        hex(b, 0x4000 | (hi & 0x0fff), 4).append('-');
        hex(b, 0x8000 | (seq >>> 48 & 0x3fff), 4).append('-');
        return hex(b, seq & 0xffff_ffff_ffffL, 12).toString();
    }
}
