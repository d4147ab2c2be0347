package io.basis.venue.deribit;

import io.basis.ingest.CaptureDecoder;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.venue.MalformedFrameException;

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

/**
 * Deribit captures → events, through the live connector's {@link DeribitSession}. WebSocket {@code in} frames
 * ({@code 100ms} and {@code raw} channels alike) go through the session (book sequencing included); REST {@code in}
 * responses with status 200 are recognised by the method in their path ({@code .../api/v2/public/<method>}) and
 * decoded with the connector's parsers: instruments, book summary (open interest), order book, ticker, funding
 * history, chart data (candles), trades (and liquidations), DVOL. A JSON-RPC error body gives nothing; other paths
 * count as unsupported. The capture time of a frame is its receive time; events held back by a
 * {@code snapshot-interval} come out when capture time passes their interval (before the frame at that time, as the
 * live connector's periodic flush stores them) and the rest at {@link #finish()}.
 */
final class DeribitCaptureDecoder implements CaptureDecoder {

    private final Map<EventType, Long> events = new EnumMap<>(EventType.class);
    private final Map<String, Long> parseErrors = new LinkedHashMap<>();
    private final DeribitSettings settings;
    private final DeribitSession session;
    private long frames;
    private long unsupported;

    DeribitCaptureDecoder(DeribitSettings settings) {
        this.settings = settings;
        this.session = new DeribitSession(settings, new DeribitSession.Listener() {
            @Override
            public void parseError(String reason, String frame) {
                parseErrors.merge(reason, 1L, Long::sum);
            }

            @Override
            public void unsupported(String channel) {
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
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        int at = path.indexOf(DeribitRequests.BASE_PATH);
        String method = at < 0 ? "" : path.substring(at + DeribitRequests.BASE_PATH.length());
        if (frame.status().orElse(0) != 200) {
            return List.of();
        }
        Map<String, String> query = query(url.getRawQuery());
        byte[] body = frame.message().getBytes(StandardCharsets.UTF_8);
        Instant time = frame.time();
        try {
            return switch (method) {
                case DeribitRequests.INSTRUMENTS -> {
                    DeribitRest.checkError(body, method);
                    yield session.onInstruments(DeribitInstruments.parse(body, time));
                }
                case DeribitRequests.BOOK_SUMMARY -> {
                    List<MarketEvent> oi = new ArrayList<>();
                    for (DeribitBookSummary s : DeribitRest.bookSummary(body)) {
                        OpenInterest o = DeribitRest.openInterest(s, time);
                        if (o != null) {
                            oi.add(o);
                        }
                    }
                    yield session.keep(oi);
                }
                case DeribitRequests.ORDER_BOOK -> session.onOrderBook(DeribitRest.orderBook(body,
                        settings.bookDepth(), time));
                case DeribitRequests.TICKER -> session.keep(DeribitRest.ticker(body, time));
                case DeribitRequests.FUNDING_RATE_HISTORY -> session.keep(DeribitRest.fundingRateHistory(body,
                        required(query, "instrument_name"), time));
                case DeribitRequests.CHART_DATA -> session.keep(DeribitRest.chartData(body,
                        required(query, "instrument_name"), required(query, "resolution"), time));
                case DeribitRequests.LAST_TRADES, "public/get_last_trades_by_instrument",
                     "public/get_last_trades_by_currency", "public/get_last_trades_by_currency_and_time" -> {
                    DeribitRest.TradesPage page = DeribitRest.lastTrades(body, time, session.parser());
                    List<MarketEvent> all = new ArrayList<>(page.trades());
                    all.addAll(page.liquidations());
                    yield session.keep(all);
                }
                case DeribitRequests.VOLATILITY_INDEX -> session.keep(DeribitRest.volatilityIndex(body,
                        required(query, "currency"), time).values());
                default -> {
                    unsupported++;
                    yield List.of();
                }
            };
        } catch (DeribitApiException e) {
            return List.of();
        } catch (MalformedFrameException e) {
            parseErrors.merge(e.reason(), 1L, Long::sum);
            return List.of();
        } catch (IllegalArgumentException e) {
            parseErrors.merge(method + ": " + e.getMessage(), 1L, Long::sum);
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
