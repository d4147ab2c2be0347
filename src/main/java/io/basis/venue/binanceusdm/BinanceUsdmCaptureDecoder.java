package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.ingest.SessionCaptureDecoder;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.LongShortKind;
import io.basis.model.MarketEvent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binance USD-M captures → events, through the live connector's {@link BinanceUsdmSession}. WebSocket {@code in}
 * frames (routed or legacy {@code /ws}, {@code /stream?streams=} URLs alike) go through the session; REST
 * {@code in} responses with status 200 are recognised by request path: exchangeInfo → instruments (and base
 * assets for thresholds), depth → the symbol's book resync, openInterest → open interest valued at the latest mark
 * price seen, klines → candles (closed when their close time is before the response time), fundingRate → funding,
 * and what a backfill recorded: aggTrades → trades (mapped as the {@code aggTrade} stream's), openInterestHist →
 * open interest, the four {@code /futures/data} ratio endpoints → long/short ratios. The capture time of a frame is
 * its receive time; held-back book snapshots come out as {@link SessionCaptureDecoder} describes.
 */
final class BinanceUsdmCaptureDecoder extends SessionCaptureDecoder {

    private final BinanceUsdmSession session;
    /** Maps recorded aggTrades rows as the stream's parser maps live ones (same thresholds, same natural key). */
    private final BinanceUsdmParser parser;

    BinanceUsdmCaptureDecoder(BinanceUsdmSettings settings) {
        this.parser = new BinanceUsdmParser(settings.thresholds());
        this.session = new BinanceUsdmSession(settings, new BinanceUsdmSession.Listener() {
            @Override
            public void parseError(String reason, String frame) {
                BinanceUsdmCaptureDecoder.this.parseError(reason);
            }

            @Override
            public void unsupported(String eventType) {
                BinanceUsdmCaptureDecoder.this.unsupported();
            }
        });
    }

    @Override
    protected List<MarketEvent> flushDue(Instant time) {
        return session.flushDue(time);
    }

    @Override
    protected List<MarketEvent> onFrame(String message, Instant time) {
        return session.onFrame(message, time);
    }

    @Override
    protected List<MarketEvent> drain() {
        return session.drain();
    }

    @Override
    protected List<MarketEvent> rest(CaptureFrame frame) {
        URI url = URI.create(frame.connection());
        Optional<BinanceUsdmRequests.Endpoint> endpoint = BinanceUsdmRequests.Endpoint.fromPath(
                url.getRawPath() == null ? "" : url.getRawPath());
        if (endpoint.isEmpty()) {
            unsupported();
            return List.of();
        }
        if (frame.status().orElse(0) != 200) {
            return List.of();
        }
        Map<String, String> query = query(url.getRawQuery());
        byte[] body = frame.message().getBytes(StandardCharsets.UTF_8);
        Instant at = frame.time();
        try {
            return switch (endpoint.get()) {
                case EXCHANGE_INFO -> session.onInstruments(BinanceUsdmInstruments.parse(body, at).instruments());
                case DEPTH -> session.onDepthSnapshot(required(query, "symbol"), BinanceUsdmRest.depthSnapshot(body),
                        at);
                case OPEN_INTEREST -> {
                    String symbol = required(query, "symbol");
                    yield session.keep(List.of(BinanceUsdmRest.openInterest(body, at, session.latestMark(symbol))));
                }
                case KLINES -> session.keep(BinanceUsdmRest.klines(body, required(query, "symbol"),
                        required(query, "interval"), at, at));
                case FUNDING_RATE -> session.keep(BinanceUsdmRest.fundingRates(body, at));
                case AGG_TRADES -> {
                    InstrumentLookup lookup = session.instruments();
                    yield session.keep(BinanceUsdmRest.aggTrades(body, required(query, "symbol")).stream()
                            .map(t -> parser.trade(t, at, lookup)).toList());
                }
                case OPEN_INTEREST_HIST -> session.keep(BinanceUsdmRest.openInterestHistory(body, at));
                case GLOBAL_LONG_SHORT_ACCOUNT_RATIO -> ratios(LongShortKind.ACCOUNTS, body, query, at);
                case TOP_LONG_SHORT_ACCOUNT_RATIO -> ratios(LongShortKind.TOP_TRADER_ACCOUNTS, body, query, at);
                case TOP_LONG_SHORT_POSITION_RATIO -> ratios(LongShortKind.TOP_TRADER_POSITIONS, body, query, at);
                case TAKER_LONG_SHORT_RATIO -> ratios(LongShortKind.TAKER_BUY_SELL, body, query, at);
            };
        } catch (MalformedFrameException e) {
            parseError(e.reason());
            return List.of();
        } catch (IllegalArgumentException e) {
            parseError(endpoint.get().path() + ": " + e.getMessage());
            return List.of();
        }
    }

    /** Rows of a {@code /futures/data} ratio endpoint: the symbol (taker rows omit it) and period from the request. */
    private List<MarketEvent> ratios(LongShortKind kind, byte[] body, Map<String, String> query, Instant at) {
        return session.keep(BinanceUsdmRest.longShortRatios(body, kind, required(query, "symbol"),
                required(query, "period"), at));
    }
}
