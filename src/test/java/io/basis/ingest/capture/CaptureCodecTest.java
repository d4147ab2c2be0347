package io.basis.ingest.capture;

import io.basis.ingest.capture.CaptureFrame.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureCodecTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final String WS = "wss://fstream.binance.com/market/ws/btcusdt@aggTrade";
    private static final String REST = "https://fapi.binance.com/fapi/v1/depth?symbol=BTCUSDT&limit=1000";

    @Test
    void writesTheDocumentedLineExactly() {
        CaptureFrame frame = CaptureFrame.received(T, WS, "{\"e\":\"aggTrade\",\"p\":\"0.001\"}");

        assertThat(CaptureCodec.encode(frame)).isEqualTo("{\"t\":\"2026-01-02T03:04:05.123456Z\","
                + "\"c\":\"wss://fstream.binance.com/market/ws/btcusdt@aggTrade\",\"d\":\"in\","
                + "\"m\":\"{\\\"e\\\":\\\"aggTrade\\\",\\\"p\\\":\\\"0.001\\\"}\"}");
    }

    @Test
    void keepsMicrosecondsAlwaysWithSixDigits() {
        CaptureFrame whole = CaptureFrame.opened(Instant.parse("2026-01-02T03:04:05Z"), WS);
        CaptureFrame nanos = CaptureFrame.opened(Instant.parse("2026-01-02T03:04:05.123456789Z"), WS);

        assertThat(CaptureCodec.encode(whole)).startsWith("{\"t\":\"2026-01-02T03:04:05.000000Z\"");
        assertThat(nanos.time()).isEqualTo(T);
        assertThat(CaptureCodec.encode(nanos)).contains("\"d\":\"open\",\"m\":\"\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "plain", "line one\nline two\r\n", "quote \" backslash \\ slash /", "tab\tbell\u0007nul\u0000esc\u001b",
        "unicode: Ä ß 中文 ₿ \u2028 \u2029", "emoji 🚀📈 pair", "lone high \ud83d end", "lone low \ude80 end",
        "{\"stream\":\"btcusdt@depth\",\"data\":{\"b\":[[\"4.00\",\"431\"]]}}"})
    void roundTripsAnyMessageText(String message) {
        CaptureFrame frame = CaptureFrame.sent(T, WS, message);
        String line = CaptureCodec.encode(frame);

        assertThat(line).doesNotContain("\n").doesNotContain("\r");
        assertThat(CaptureCodec.decode(line)).isEqualTo(frame);
    }

    @Test
    void representsRestExchangesAsRequestLineThenStatusAndBody() {
        CaptureFrame request = CaptureFrame.restRequest(T, REST, "get");
        CaptureFrame response = CaptureFrame.restResponse(T, REST, 429, "{\"code\":-1003,\"msg\":\"Too many\"}");

        assertThat(request.message()).isEqualTo("GET /fapi/v1/depth?symbol=BTCUSDT&limit=1000");
        assertThat(request.direction()).isEqualTo(Direction.OUT);
        assertThat(request.isRest()).isTrue();
        assertThat(CaptureCodec.encode(response)).endsWith(",\"s\":429}");
        assertThat(CaptureCodec.decode(CaptureCodec.encode(response))).isEqualTo(response);
        assertThat(CaptureCodec.decode(CaptureCodec.encode(request)).status()).isEmpty();
    }

    @Test
    void readsAnyKeyOrderUnknownKeysWhitespaceAndShorterFractions() {
        String line = " { \"m\" : \"x\", \"future\": {\"a\":[1,2,{\"b\":null}]}, \"d\":\"close\", \"v\": 2,"
                + " \"c\":\"ws://h/p\", \"t\":\"2026-01-02T04:04:05.5+01:00\" } ";

        CaptureFrame frame = CaptureCodec.decode(line);

        assertThat(frame).isEqualTo(new CaptureFrame(Instant.parse("2026-01-02T03:04:05.500Z"), "ws://h/p",
                Direction.CLOSE, "x", OptionalInt.empty()));
    }

    @Test
    void frameRejectsMisplacedOrMissingStatus() {
        assertThatThrownBy(() -> new CaptureFrame(T, WS, Direction.IN, "x", OptionalInt.of(200)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only on a REST");
        assertThatThrownBy(() -> new CaptureFrame(T, REST, Direction.OUT, "GET /", OptionalInt.of(200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CaptureFrame(T, REST, Direction.IN, "{}", OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs its HTTP status");
        assertThatThrownBy(() -> CaptureFrame.restResponse(T, REST, 600, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100..599");
        assertThatThrownBy(() -> CaptureFrame.opened(T, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directionsUseTheirLowerCaseWireNames() {
        for (Direction d : Direction.values()) {
            assertThat(Direction.fromWire(d.wire())).contains(d);
        }
        assertThat(Direction.fromWire("IN")).isEmpty();
    }
}
