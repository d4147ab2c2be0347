package io.basis.venue.binanceusdm;

import io.basis.config.Channel;
import io.basis.config.ChannelConfig;
import io.basis.config.StoragePolicy;
import io.basis.config.VenueConfig;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.LongShortKind;
import io.basis.model.LongShortRatio;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.model.Side;
import io.basis.model.Trade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Recorded REST responses of the history endpoints replay into the same events a backfill stores. */
class BinanceUsdmCaptureDecoderTest {
    private static final URI REST = URI.create("http://127.0.0.1:1");
    private static final URI WS = URI.create("ws://127.0.0.1:1");
    private static final Instant AT = Instant.parse("2026-06-01T00:00:05Z");
    private static final long T = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();

    private static BinanceUsdmCaptureDecoder decoder() {
        VenueConfig base = BinanceUsdmTestFrames.venue(REST, WS, List.of("BTCUSDT"));
        Map<Channel, ChannelConfig> channels = new LinkedHashMap<>(base.channels());
        channels.put(Channel.LONG_SHORT_RATIO, new ChannelConfig(Channel.LONG_SHORT_RATIO, StoragePolicy.ALL,
                Map.of()));
        return new BinanceUsdmCaptureDecoder(BinanceUsdmSettings.of(new VenueConfig(base.id(), true, REST, WS,
                base.symbols(), null, List.of(), base.largeTradeUsd(), null, channels)));
    }

    private static CaptureFrame response(String pathAndQuery, String body) {
        return CaptureFrame.restResponse(AT, REST + pathAndQuery, 200, body);
    }

    @Test
    void aggTradesAreMappedAsTheStreamMapsThem() {
        BinanceUsdmCaptureDecoder d = decoder();
        List<MarketEvent> events = d.decode(response("/fapi/v1/aggTrades?symbol=BTCUSDT&startTime=" + T + "&endTime="
                + (T + 3_599_999) + "&limit=1000", "[{\"a\":26129,\"p\":\"100000\",\"q\":\"2\",\"f\":27781,"
                + "\"l\":27782,\"T\":" + T + ",\"m\":true}]"));
        Trade live = new BinanceUsdmParser(BinanceUsdmSettings.of(BinanceUsdmTestFrames.venue(REST, WS,
                List.of("BTCUSDT"))).thresholds()).trade(new BinanceUsdmMessages.AggTrade(T, "BTCUSDT", 26129,
                new BigDecimal("100000"), new BigDecimal("2"), null, 27781L, 27782L, T, true), AT,
                InstrumentLookup.fromSymbol());
        assertThat(events).singleElement().isEqualTo(live).isInstanceOfSatisfying(Trade.class, t -> {
            assertThat(t.tradeId()).isEqualTo("26129");
            assertThat(t.side()).as("buyer maker: the taker sold").isEqualTo(Side.SELL);
            assertThat(t.large()).isTrue();
        });
        assertThat(d.summary().unsupported()).isZero();
    }

    @Test
    void futuresDataStatisticsBecomeOpenInterestAndRatios() {
        BinanceUsdmCaptureDecoder d = decoder();
        List<MarketEvent> oi = d.decode(response("/futures/data/openInterestHist?symbol=BTCUSDT&period=5m&startTime="
                + T + "&endTime=" + (T + 299_999) + "&limit=500", "[{\"symbol\":\"BTCUSDT\",\"sumOpenInterest\":"
                + "\"20403.637\",\"sumOpenInterestValue\":\"150570784.07809979\",\"timestamp\":\"" + T + "\"}]"));
        assertThat(oi).singleElement().isInstanceOfSatisfying(OpenInterest.class, o -> {
            assertThat(o.symbol()).isEqualTo("BTCUSDT");
            assertThat(o.venueTime()).isEqualTo(Instant.ofEpochMilli(T));
            assertThat(o.notional()).isEqualByComparingTo("150570784.07809979");
        });
        List<MarketEvent> taker = d.decode(response("/futures/data/takerlongshortRatio?symbol=BTCUSDT&period=5m"
                + "&limit=500", "[{\"buySellRatio\":\"1.5586\",\"buyVol\":\"387.3300\",\"sellVol\":\"248.5030\","
                + "\"timestamp\":" + T + "}]"));
        assertThat(taker).singleElement().isInstanceOfSatisfying(LongShortRatio.class, r -> {
            assertThat(r.symbol()).as("taker rows omit it: the request's").isEqualTo("BTCUSDT");
            assertThat(r.kind()).isEqualTo(LongShortKind.TAKER_BUY_SELL);
            assertThat(r.ratio()).isEqualByComparingTo("1.5586");
        });
        List<MarketEvent> top = d.decode(response("/futures/data/topLongShortPositionRatio?symbol=BTCUSDT&period=5m",
                "[{\"symbol\":\"BTCUSDT\",\"longShortRatio\":\"1.8105\",\"longAccount\":\"0.6442\",\"shortAccount\":"
                        + "\"0.3558\",\"timestamp\":\"" + T + "\"}]"));
        assertThat(top).singleElement().isInstanceOfSatisfying(LongShortRatio.class,
                r -> assertThat(r.kind()).isEqualTo(LongShortKind.TOP_TRADER_POSITIONS));
        assertThat(d.summary().unsupported()).isZero();
        assertThat(d.summary().parseErrors()).isEmpty();
    }
}
