package io.basis.support;

import io.basis.model.BookSnapshot;
import io.basis.model.Candle;
import io.basis.model.ContractType;
import io.basis.model.FundingRate;
import io.basis.model.IndexPrice;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.Liquidation;
import io.basis.model.LongShortKind;
import io.basis.model.LongShortRatio;
import io.basis.model.MarkPrice;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.OptionTicker;
import io.basis.model.OptionType;
import io.basis.model.PriceLevel;
import io.basis.model.Side;
import io.basis.model.Trade;
import io.basis.model.VolatilityIndex;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events of every type with venue-style decimal strings (trailing zeros, tiny and large values) and nulls. */
public final class Fixtures {
    public static final String VENUE = "test-venue";
    public static final Instant T0 = Instant.parse("2026-11-20T10:15:30.123456Z");

    private Fixtures() {
    }

    public static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    public static Instant at(long secondsAfterT0) {
        return T0.plusSeconds(secondsAfterT0);
    }

    public static Trade trade(String symbol, String id, Instant t) {
        return new Trade(VENUE, symbol, t, t.plusMillis(3), id, d("67123.40"), d("0.00100"), d("0.00100"),
                d("67.12340000"), Side.BUY, false);
    }

    /** One event of every type, all on distinct streams of {@code VENUE}. */
    public static List<MarketEvent> oneOfEach() {
        Instant t = T0;
        Instant rx = T0.plusNanos(789_000);
        List<MarketEvent> events = new ArrayList<>();
        events.add(new Instrument(VENUE, "BTCUSD_PERP", "BTC-USD-PERP", InstrumentKind.PERPETUAL, "BTC", "USD", "BTC",
                d("100"), ContractType.INVERSE, null, null, null, d("0.10"), d("1"), t, rx));
        events.add(new Instrument(VENUE, "BTC-27DEC26-100000-C", "BTC-USD-261227-100000-C", InstrumentKind.OPTION,
                "BTC", "USD", "BTC", d("1"), ContractType.INVERSE, Instant.parse("2026-12-27T08:00:00Z"),
                d("100000"), OptionType.CALL, d("0.0001"), d("0.1"), t, rx));
        events.add(new Trade(VENUE, "BTCUSD_PERP", t, rx, "2876451", d("67123.40"), d("15"), d("0.02234690"),
                d("1500"), Side.SELL, true));
        events.add(new Liquidation(VENUE, "BTCUSD_PERP", t, rx, Side.SELL, d("66990.1"), d("3"), null, d("300")));
        events.add(new FundingRate(VENUE, "BTCUSD_PERP", t, rx, Instant.parse("2026-11-20T16:00:00Z"),
                d("0.00010000"), d("-0.00002500"), Duration.ofHours(8)));
        events.add(new OpenInterest(VENUE, "BTCUSD_PERP", t, rx, d("10659509"), d("158.80000000"), d("10659509.00")));
        events.add(new MarkPrice(VENUE, "BTCUSD_PERP", t, rx, d("67120.05000000"), d("67118.12"), null));
        events.add(new IndexPrice(VENUE, "btc_usd", t, rx, d("67118.1200")));
        events.add(new BookSnapshot(VENUE, "BTCUSD_PERP", t, rx, 8_123_456_789_012L,
                List.of(new PriceLevel(d("67120.0"), d("1.500")), new PriceLevel(d("67119.5"), d("0.002"))),
                List.of(new PriceLevel(d("67120.5"), d("0.750")))));
        events.add(new Candle(VENUE, "BTCUSD_PERP", Instant.parse("2026-11-20T10:15:00Z"), rx, Duration.ofMinutes(1),
                d("67100.0"), d("67150.5"), d("67090.0"), d("67123.4"), d("1250"), d("1.86123456"), 342L, true));
        events.add(new OptionTicker(VENUE, "BTC-27DEC26-100000-C", t, rx, d("0.0105"), d("12.5"), d("0.0110"),
                d("8.0"), d("0.01075"), d("55.20"), d("57.10"), d("56.15"), d("0.21345"), d("0.00001234"),
                d("45.12"), d("-30.5"), d("12.01"), d("1520.3"), d("67118.12"), "BTC-27DEC26"));
        events.add(new OptionTicker(VENUE, "BTC-27DEC26-100000-C", t.plusSeconds(1), rx.plusSeconds(1), null, null,
                null, null, d("0.01080"), null, null, d("56.20"), null, null, null, null, null, null, null, null));
        events.add(new VolatilityIndex(VENUE, "BTC-DVOL", t, rx, d("48.73")));
        events.add(new LongShortRatio(VENUE, "BTCUSD_PERP", t, rx, LongShortKind.TOP_TRADER_POSITIONS,
                Duration.ofMinutes(5), d("1.8230"), d("0.6457"), d("0.3543")));
        return events;
    }
}
