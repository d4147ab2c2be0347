package io.basis.venue.binanceusdm;

import io.basis.config.LargeTradeThresholds;
import io.basis.venue.MalformedFrameException;

import io.basis.model.Trade;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.Endpoint;
import io.basis.venue.binanceusdm.BinanceUsdmStreams.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.utf8;
import static io.basis.venue.binanceusdm.BinanceUsdmFixtures.ws;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Frames that are not plain events, field-order freedom, legacy captures, thresholds and broken input. */
class BinanceUsdmFramesTest {

    static final Instant RECEIVED = BinanceUsdmParserTest.RECEIVED;
    static final InstrumentLookup LOOKUP = InstrumentLookup.fromSymbol();
    static final List<String> WS_FIXTURES = List.of("trades_doc", "trades_combined", "trades_legacy",
            "liquidations_doc", "liquidations_combined", "liquidations_partially-filled", "liquidations_unfilled",
            "mark-price_doc", "mark-price_combined", "mark-price_legacy", "mark-price_array", "candles_doc",
            "candles_closed", "book_doc", "book_combined", "book_legacy", "control_subscribe-ack",
            "control_list-subscriptions", "control_error", "unsupported_book-ticker");

    final BinanceUsdmParser parser = new BinanceUsdmParser();

    Parsed parse(String frame) {
        return parser.parse(frame, RECEIVED, LOOKUP);
    }

    @Test
    void subscriptionRepliesAreRecognised() {
        assertThat(parser.parse(ws("control_subscribe-ack"), RECEIVED, LOOKUP)).isEqualTo(new Parsed.Ack(1, List.of()));
        assertThat(parser.parse(ws("control_list-subscriptions"), RECEIVED, LOOKUP))
                .isEqualTo(new Parsed.Ack(3, List.of("btcusdt@aggTrade")));
        assertThat(parse("{\"result\":true,\"id\":2}")).isEqualTo(new Parsed.Ack(2, List.of()));
        assertThat(parse("{\"id\":5,\"result\":null}")).isEqualTo(new Parsed.Ack(5, List.of()));
    }

    @Test
    void errorRepliesAreRecognisedInBothShapes() {
        assertThat(parser.parse(ws("control_error"), RECEIVED, LOOKUP)).isEqualTo(new Parsed.ErrorReply(null, 2,
                "Invalid request: request ID must be an unsigned integer"));
        assertThat(parse("{\"code\":0,\"msg\":\"Unknown property\",\"id\":4}"))
                .isEqualTo(new Parsed.ErrorReply(4L, 0, "Unknown property"));
        assertThat(parse("{\"error\":{\"code\":2,\"msg\":\"Invalid request: too many parameters\"},\"id\":9}"))
                .isEqualTo(new Parsed.ErrorReply(9L, 2, "Invalid request: too many parameters"));
    }

    @Test
    void unknownEventTypesAreUnsupportedNotErrors() {
        assertThat(parser.parse(ws("unsupported_book-ticker"), RECEIVED, LOOKUP))
                .isEqualTo(new Parsed.Unsupported(null, "bookTicker"));
        String wrapped = "{\"stream\":\"btcusdt@bookTicker\",\"data\":" + new String(ws("unsupported_book-ticker"),
                StandardCharsets.UTF_8) + "}";
        assertThat(parse(wrapped)).isEqualTo(new Parsed.Unsupported("btcusdt@bookTicker", "bookTicker"));
        assertThat(parse("[{\"e\":\"24hrMiniTicker\",\"E\":1,\"s\":\"BTCUSDT\",\"c\":\"1\",\"o\":\"2\",\"l\":\"3\"}]"))
                .isEqualTo(new Parsed.Unsupported(null, "24hrMiniTicker"));
    }

    @Test
    void fieldOrderDoesNotMatter() {
        String reordered = "{\"data\":{\"m\":false,\"T\":1780000000071,\"l\":6591187009,\"f\":6591187001,"
                + "\"nq\":\"1.150\",\"q\":\"1.200\",\"p\":\"104250.10\",\"a\":2874551233,\"s\":\"BTCUSDT\","
                + "\"E\":1780000000123,\"e\":\"aggTrade\"},\"stream\":\"btcusdt@aggTrade\"}";
        assertThat(parse(reordered)).isEqualTo(parser.parse(ws("trades_combined"), RECEIVED, LOOKUP));
    }

    @Test
    void textAndBytesGiveTheSameResult() {
        for (String fixture : WS_FIXTURES) {
            byte[] bytes = ws(fixture);
            assertThat(parse(new String(bytes, StandardCharsets.UTF_8)))
                    .as(fixture).isEqualTo(parser.parse(bytes, RECEIVED, LOOKUP));
        }
    }

    /** Captures from before the 2026 URL split: same payloads, unrouted URLs; both must replay identically. */
    @Test
    void legacyUnroutedCapturesReplayLikeRoutedOnes() {
        Endpoint legacyCombined = BinanceUsdmStreams.parseUrl(URI.create(
                "wss://fstream.binance.com/stream?streams=ethusdt@aggTrade/btcusdt@markPrice/btcusdt@depth"));
        assertThat(legacyCombined).isEqualTo(new Endpoint(Route.UNROUTED, true,
                List.of("ethusdt@aggTrade", "btcusdt@markPrice", "btcusdt@depth")));
        assertThat(legacyCombined.streams()).extracting(BinanceUsdmStreams::routeOf)
                .containsExactly(Route.MARKET, Route.MARKET, Route.PUBLIC);
        assertThat(((Parsed.Events) parser.parse(ws("trades_legacy"), RECEIVED, LOOKUP)).stream())
                .isIn(legacyCombined.streams());
        assertThat(((Parsed.Events) parser.parse(ws("mark-price_legacy"), RECEIVED, LOOKUP)).stream())
                .isIn(legacyCombined.streams());

        Endpoint legacyRaw = BinanceUsdmStreams.parseUrl(URI.create("wss://fstream.binance.com/ws/btcusdt@depth"));
        assertThat(legacyRaw).isEqualTo(new Endpoint(Route.UNROUTED, false, List.of("btcusdt@depth")));
        assertThat(parser.parse(ws("book_legacy"), RECEIVED, LOOKUP)).isInstanceOf(Parsed.Depth.class);

        assertThat(BinanceUsdmStreams.require("btcusdt@markPrice").type())
                .isEqualTo(BinanceUsdmStreams.require("btcusdt@markPrice@1s").type());
        assertThat(BinanceUsdmStreams.require("btcusdt@depth").type())
                .isEqualTo(BinanceUsdmStreams.require("btcusdt@depth@100ms").type());
    }

    @ParameterizedTest
    @CsvSource({
            "BTCUSDT, 100000.00, 1.000, true",
            "BTCUSDT, 99999.99, 1, false",
            "BTCUSDT_260925, 50000.0, 2, true",
            "ETHUSDT, 2500.00, 20.000, true",
            "ETHUSDC, 2500.00, 19.999, false",
            "SOLUSDT, 200.00, 100.0, true",
            "SOLUSDT, 199.99, 100, false",
            "1000PEPEUSDT, 0.0125000, 1600000, true"})
    void largeTradeThresholdsAreInclusive(String symbol, String price, String qty, boolean large) {
        assertThat(trade(parser, symbol, price, qty).large()).isEqualTo(large);
    }

    @Test
    void thresholdsComeFromTheVenuesFileMap() {
        BinanceUsdmParser custom = new BinanceUsdmParser(LargeTradeThresholds.of(Map.of(
                "btc", new BigDecimal("250000"), "default", new BigDecimal("5000"))));
        assertThat(trade(custom, "BTCUSDT", "125000", "1.999").large()).isFalse();
        assertThat(trade(custom, "BTCUSDT", "125000", "2").large()).isTrue();
        assertThat(trade(custom, "ETHUSDT", "2500", "2").large()).isTrue();
        assertThat(trade(custom, "ETHUSDT", "2500", "1.9999").large()).isFalse();
    }

    Trade trade(BinanceUsdmParser p, String symbol, String price, String qty) {
        String frame = "{\"e\":\"aggTrade\",\"E\":1780000000123,\"s\":\"" + symbol + "\",\"a\":1,\"p\":\"" + price
                + "\",\"q\":\"" + qty + "\",\"f\":1,\"l\":1,\"T\":1780000000071,\"m\":false}";
        return (Trade) ((Parsed.Events) p.parse(frame, RECEIVED, LOOKUP)).events().getFirst();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"q\":\"1\",\"T\":1,\"m\":true}|aggTrade: field 'p' missing or invalid",
            "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"x1\",\"q\":\"1\",\"T\":1,\"m\":true}|aggTrade: field 'p' missing or invalid",
            "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":\"1\",\"p\":\"1\",\"q\":\"1\",\"T\":1,\"m\":true}|aggTrade: field 'a' missing or invalid",
            "{\"e\":\"aggTrade\",\"E\":1,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1}|aggTrade: field 'm' missing or invalid",
            "{\"e\":\"forceOrder\",\"E\":1}|forceOrder: field 'o' missing or invalid",
            "{\"e\":\"forceOrder\",\"E\":1,\"o\":{\"s\":\"BTCUSDT\",\"q\":\"1\",\"p\":\"1\",\"T\":1}}|forceOrder: field 'o.S' missing or invalid",
            "{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\"}|markPriceUpdate: field 'p' missing or invalid",
            "{\"e\":\"kline\",\"E\":1,\"s\":\"X\",\"k\":{\"t\":1,\"T\":2,\"i\":\"1m\",\"o\":\"1\",\"h\":\"1\",\"l\":\"1\",\"c\":\"1\",\"x\":true}}|kline: field 'k.v' missing or invalid",
            "{\"e\":\"kline\",\"E\":1,\"s\":\"X\",\"k\":{\"t\":1,\"T\":2,\"i\":\"1M\",\"o\":\"1\",\"h\":\"1\",\"l\":\"1\",\"c\":\"1\",\"v\":\"1\",\"x\":true}}|kline: interval '1M' has no fixed length",
            "{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}|depthUpdate: field 'pu' missing or invalid",
            "{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[[\"1\"]],\"a\":[]}|depthUpdate: level is not [price, quantity]",
            "{\"e\":\"depthUpdate\",\"E\":1,\"T\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"pu\":0,\"b\":[\"1\"],\"a\":[]}|depthUpdate: level is not an array",
            "{\"foo\":1}|unrecognised frame: no event type, data, result or error code",
            "42|frame is not a JSON object or array",
            "[1]|array frame: element is not an object",
            "[{\"result\":null,\"id\":1}]|array frame: element is not a market event",
            "{\"result\":null,\"id\":1} {}|trailing content after the frame",
            "{\"e\":\"aggTrade\",\"E\":99999999999999999999}|frame: invalid JSON",
            "{\"e\":\"aggTrade\",|frame: truncated JSON",
            "{not json}|frame: invalid JSON"})
    void brokenFramesGiveAShortReason(String frame, String reason) {
        assertThatThrownBy(() -> parse(frame)).isInstanceOf(MalformedFrameException.class)
                .extracting(e -> ((MalformedFrameException) e).reason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n"})
    void emptyFramesAreMalformed(String frame) {
        assertThatThrownBy(() -> parse(frame)).isInstanceOf(MalformedFrameException.class).hasMessage("empty frame");
    }

    /** Every proper prefix of every fixture is a truncated frame: always a MalformedFrameException, nothing else. */
    @Test
    void everyTruncationOfEveryFixtureIsMalformed() {
        for (String fixture : WS_FIXTURES) {
            byte[] full = ws(fixture);
            for (int length = 0; length < full.length; length++) {
                byte[] cut = Arrays.copyOf(full, length);
                assertThat(catchThrowable(() -> parser.parse(cut, RECEIVED, LOOKUP)))
                        .as("%s cut at %d", fixture, length).isInstanceOf(MalformedFrameException.class);
            }
        }
    }

    /** Single-byte corruption either still parses or is a MalformedFrameException, never another exception. */
    @Test
    void corruptedBytesNeverEscapeAsOtherExceptions() {
        byte[] replacements = utf8("\"}]0x-,:");
        for (String fixture : WS_FIXTURES) {
            byte[] full = ws(fixture);
            for (int at = 0; at < full.length; at++) {
                for (byte replacement : replacements) {
                    byte[] bad = full.clone();
                    bad[at] = replacement;
                    Throwable thrown = catchThrowable(() -> parser.parse(bad, RECEIVED, LOOKUP));
                    if (thrown != null) {
                        assertThat(thrown).as("%s with '%c' at %d", fixture, (char) replacement, at)
                                .isInstanceOf(MalformedFrameException.class);
                    }
                }
            }
        }
    }
}
