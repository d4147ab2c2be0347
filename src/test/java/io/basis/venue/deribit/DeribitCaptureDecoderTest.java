package io.basis.venue.deribit;

import io.basis.ingest.CaptureDecoder;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small capture built from the fixtures, decoded as {@code basis replay} would. */
class DeribitCaptureDecoderTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    static final String WS = "wss://www.deribit.com/ws/api/v2";
    static final String REST = "https://www.deribit.com/api/v2/public/";

    static String ws(String name) {
        return new String(DeribitFixtures.ws(name), StandardCharsets.UTF_8);
    }

    static String rest(String name) {
        return new String(DeribitFixtures.rest(name), StandardCharsets.UTF_8);
    }

    @Test
    void decodesWebSocketAndRestFramesThroughTheSession() {
        DeribitCaptureDecoder decoder = new DeribitCaptureDecoder(DeribitTestConfig.unthinned());
        List<CaptureFrame> capture = List.of(
                CaptureFrame.opened(T0, WS),
                CaptureFrame.sent(T0, WS, DeribitChannels.subscribe(1, List.of("ticker.BTC-PERPETUAL.100ms"))),
                CaptureFrame.received(T0, WS, ws("control_subscribe-reply")),
                CaptureFrame.received(T0, WS, ws("heartbeat_test-request")),
                CaptureFrame.received(T0, WS, ws("ticker_perpetual")),
                CaptureFrame.received(T0, WS, ws("ticker_option")),
                CaptureFrame.received(T0, WS, ws("trades_liquidation")),
                CaptureFrame.received(T0, WS, ws("trades_option")),
                CaptureFrame.received(T0, WS, ws("book_snapshot")),
                CaptureFrame.received(T0, WS, ws("book_change")),
                CaptureFrame.received(T0, WS, ws("volatility-index_doc")),
                CaptureFrame.received(T0, WS, ws("price-index_doc")),
                CaptureFrame.received(T0, WS, "{not json"),
                CaptureFrame.restRequest(T0, REST + "get_instruments?currency=BTC&kind=future&expired=false", "GET"),
                CaptureFrame.restResponse(T0, REST + "get_instruments?currency=BTC&kind=future&expired=false", 200,
                        rest("get_instruments_mixed")),
                CaptureFrame.restResponse(T0, REST + "get_book_summary_by_currency?currency=BTC&kind=option", 200,
                        rest("get_book_summary_by_currency_option")),
                CaptureFrame.restResponse(T0, REST + "get_order_book?instrument_name=BTC-PERPETUAL&depth=10", 200,
                        rest("get_order_book_btc-perpetual")),
                CaptureFrame.restResponse(T0, REST + "ticker?instrument_name=BTC-12MAR25-65000-C", 200,
                        rest("ticker_btc-option")),
                CaptureFrame.restResponse(T0, REST + "get_funding_rate_history?instrument_name=BTC-PERPETUAL"
                        + "&start_timestamp=1&end_timestamp=2", 200, rest("get_funding_rate_history_btc-perpetual")),
                CaptureFrame.restResponse(T0, REST + "get_funding_rate_history?instrument_name=BTC-PERPETUAL"
                        + "&start_timestamp=1&end_timestamp=2", 200,
                        rest("get_funding_rate_history_too-many-requests")),
                CaptureFrame.restResponse(T0, REST + "get_tradingview_chart_data?instrument_name=BTC-PERPETUAL"
                        + "&start_timestamp=1&end_timestamp=2&resolution=1", 200, rest("get_tradingview_chart_data_ok")),
                CaptureFrame.restResponse(T0, REST + "get_last_trades_by_instrument_and_time?instrument_name="
                        + "BTC-PERPETUAL&start_timestamp=1&end_timestamp=2&count=10&sorting=asc", 200,
                        rest("get_last_trades_by_instrument_and_time_liquidation")),
                CaptureFrame.restResponse(T0, REST + "get_volatility_index_data?currency=BTC&start_timestamp=1"
                        + "&end_timestamp=2&resolution=60", 200, rest("get_volatility_index_data_btc")),
                CaptureFrame.restResponse(T0, REST + "get_index_price?index_name=btc_usd", 200, "{}"),
                CaptureFrame.restResponse(T0, REST + "get_order_book?instrument_name=BTC-PERPETUAL", 502, "bad"),
                CaptureFrame.closed(T0, WS, "1000 bye"));

        List<MarketEvent> events = new ArrayList<>();
        capture.forEach(f -> events.addAll(decoder.decode(f)));
        CaptureDecoder.Summary s = decoder.summary();

        assertThat(s.frames()).isEqualTo(capture.size());
        assertThat(s.parseErrors()).hasSize(1);
        assertThat(s.unsupported()).isEqualTo(1);
        Map<EventType, Long> byType = s.events();
        assertThat(byType.get(EventType.INSTRUMENT)).isEqualTo(4);       // combo skipped
        assertThat(byType.get(EventType.MARK_PRICE)).isEqualTo(1);
        assertThat(byType.get(EventType.OPTION_TICKER)).isEqualTo(2);    // ws + REST ticker
        assertThat(byType.get(EventType.TRADE)).isEqualTo(3 + 3);        // ws 2 + 1 option, REST 3
        assertThat(byType.get(EventType.LIQUIDATION)).isEqualTo(2 + 3);  // T, M; REST T + MT(2)
        assertThat(byType.get(EventType.BOOK_SNAPSHOT)).isEqualTo(2);    // ws snapshot (change is a gap) + REST
        assertThat(byType.get(EventType.VOLATILITY_INDEX)).isEqualTo(1 + 2);
        assertThat(byType.get(EventType.INDEX_PRICE)).isEqualTo(2);      // ticker index + price index
        assertThat(byType.get(EventType.OPEN_INTEREST)).isEqualTo(1 + 4); // perpetual ticker + 4 options
        assertThat(byType.get(EventType.FUNDING_RATE)).isEqualTo(1 + 2);
        assertThat(byType.get(EventType.CANDLE)).isEqualTo(3);
        assertThat(s.totalEvents()).isEqualTo(events.size());
    }

    @Test
    void heldBackEventsComeOutAsCaptureTimePassesTheirIntervalAndAtTheEnd() {
        DeribitCaptureDecoder decoder = new DeribitCaptureDecoder(DeribitTestConfig.settings(Map.of(
                io.basis.config.Channel.MARK_PRICE, Map.of("snapshot-interval", "1s"))));
        assertThat(decoder.decode(CaptureFrame.received(T0, WS, ws("ticker_perpetual")))).hasSize(4);
        assertThat(decoder.decode(CaptureFrame.received(T0.plusMillis(300), WS, ws("ticker_perpetual")))).isEmpty();
        assertThat(decoder.decode(CaptureFrame.received(T0.plusMillis(900), WS, ws("ticker_perpetual")))).isEmpty();
        List<MarketEvent> trailing = decoder.decode(CaptureFrame.received(T0.plusMillis(1200), WS,
                ws("heartbeat_test-request")));
        assertThat(trailing).hasSize(4).extracting(MarketEvent::receivedAt).containsOnly(T0.plusMillis(900));
        assertThat(decoder.decode(CaptureFrame.received(T0.plusMillis(1300), WS, ws("ticker_perpetual")))).isEmpty();
        assertThat(decoder.finish()).hasSize(4).extracting(MarketEvent::receivedAt).containsOnly(T0.plusMillis(1300));
        assertThat(decoder.summary().totalEvents()).isEqualTo(12);
    }

    @Test
    void moduleRecognisesDeribitHosts() {
        DeribitModule m = new DeribitModule();
        assertThat(m.id()).isEqualTo("deribit");
        assertThat(m.recognises(URI.create(WS))).isTrue();
        assertThat(m.recognises(URI.create("https://test.deribit.com/api/v2/public/test"))).isTrue();
        assertThat(m.recognises(URI.create("wss://fstream.binance.com/ws"))).isFalse();
        assertThat(m.captureDecoder(DeribitTestConfig.venue(Map.of()))).isInstanceOf(DeribitCaptureDecoder.class);
        assertThat(io.basis.ingest.VenueModules.recognising(URI.create(WS))).containsInstanceOf(DeribitModule.class);
    }
}
