package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;

import io.basis.ingest.CaptureDecoder;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binance USD-M captures → events, through the live connector's {@link BinanceUsdmSession}. WebSocket {@code in}
 * frames (routed or legacy {@code /ws}, {@code /stream?streams=} URLs alike) go through the session; REST
 * {@code in} responses with status 200 are recognised by request path: exchangeInfo → instruments (and base
 * assets for thresholds), depth → the symbol's book resync, openInterest → open interest valued at the latest mark
 * price seen, klines → candles (closed when their close time is before the response time), fundingRate → funding.
 * The capture time of a frame is its receive time; book snapshots held back by {@code snapshot-interval} come out
 * when capture time passes their interval (before the frame at that time, as the live connector's periodic flush
 * stores them) and the rest at {@link #finish()}.
 */
final class BinanceUsdmCaptureDecoder implements CaptureDecoder {

    private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
    private final Map<String, Long> parseErrors = new LinkedHashMap<>();
    private final BinanceUsdmSession session;
    private long frames;
    private long unsupported;

    BinanceUsdmCaptureDecoder(BinanceUsdmSettings settings) {
        this.session = new BinanceUsdmSession(settings, new BinanceUsdmSession.Listener() {
            @Override
            public void parseError(String reason, String frame) {
                parseErrors.merge(reason, 1L, Long::sum);
            }

            @Override
            public void unsupported(String eventType) {
                unsupported++;
            }
        });
    }

    @Override
    public List<MarketEvent> decode(CaptureFrame frame) {
        frames++;
        List<MarketEvent> due = session.flushDue(frame.time());
        if (frame.direction() != CaptureFrame.Direction.IN) {
            return counted(due);
        }
        List<MarketEvent> own = frame.isRest() ? rest(frame) : session.onFrame(frame.message(), frame.time());
        if (due.isEmpty()) {
            return counted(own);
        }
        List<MarketEvent> out = new ArrayList<>(due);
        out.addAll(own);
        return counted(out);
    }

    @Override
    public List<MarketEvent> finish() {
        return counted(session.drain());
    }

    private List<MarketEvent> counted(List<MarketEvent> out) {
        out.forEach(e -> events.merge(e.type(), 1L, Long::sum));
        return out;
    }

    @Override
    public Summary summary() {
        return new Summary(frames, events, parseErrors, unsupported);
    }

    private List<MarketEvent> rest(CaptureFrame frame) {
        URI url = URI.create(frame.connection());
        Optional<BinanceUsdmRequests.Endpoint> endpoint = BinanceUsdmRequests.Endpoint.fromPath(
                url.getRawPath() == null ? "" : url.getRawPath());
        if (endpoint.isEmpty()) {
            unsupported++;
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
                    unsupported++;
                    yield List.of();
                }
            };
        } catch (MalformedFrameException e) {
            parseErrors.merge(e.reason(), 1L, Long::sum);
            return List.of();
        } catch (IllegalArgumentException e) {
            parseErrors.merge(endpoint.get().path() + ": " + e.getMessage(), 1L, Long::sum);
            return List.of();
        }
    }

    private static String required(Map<String, String> query, String name) {
        String v = query.get(name);
        if (v == null) {
            throw new IllegalArgumentException("request has no '" + name + "' parameter");
        }
        return v;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
