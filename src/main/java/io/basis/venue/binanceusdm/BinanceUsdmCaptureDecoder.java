package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.ingest.SessionCaptureDecoder;
import io.basis.ingest.capture.CaptureFrame;
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
 * price seen, klines → candles (closed when their close time is before the response time), fundingRate → funding.
 * The capture time of a frame is its receive time; held-back book snapshots come out as
 * {@link SessionCaptureDecoder} describes.
 */
final class BinanceUsdmCaptureDecoder extends SessionCaptureDecoder {

    private final BinanceUsdmSession session;

    BinanceUsdmCaptureDecoder(BinanceUsdmSettings settings) {
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
                default -> {
                    unsupported();
                    yield List.of();
                }
            };
        } catch (MalformedFrameException e) {
            parseError(e.reason());
            return List.of();
        } catch (IllegalArgumentException e) {
            parseError(endpoint.get().path() + ": " + e.getMessage());
            return List.of();
        }
    }
}
