package io.basis.venue.deribit;

import io.basis.ingest.SessionCaptureDecoder;
import io.basis.ingest.capture.CaptureFrame;
import io.basis.model.MarketEvent;
import io.basis.model.OpenInterest;
import io.basis.venue.MalformedFrameException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deribit captures → events, through the live connector's {@link DeribitSession}. WebSocket {@code in} frames
 * ({@code 100ms} and {@code raw} channels alike) go through the session (book sequencing included); REST {@code in}
 * responses with status 200 are recognised by the method in their path ({@code .../api/v2/public/<method>}) and
 * decoded with the connector's parsers: instruments, book summary (open interest), order book, ticker, funding
 * history, chart data (candles), trades (and liquidations), DVOL. A JSON-RPC error body gives nothing; other paths
 * count as unsupported. The capture time of a frame is its receive time; held-back events come out as
 * {@link SessionCaptureDecoder} describes.
 */
final class DeribitCaptureDecoder extends SessionCaptureDecoder {

    private final DeribitSettings settings;
    private final DeribitSession session;

    DeribitCaptureDecoder(DeribitSettings settings) {
        this.settings = settings;
        this.session = new DeribitSession(settings, new DeribitSession.Listener() {
            @Override
            public void parseError(String reason, String frame) {
                DeribitCaptureDecoder.this.parseError(reason);
            }

            @Override
            public void unsupported(String channel) {
                DeribitCaptureDecoder.this.unsupported();
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
                    unsupported();
                    yield List.of();
                }
            };
        } catch (DeribitApiException e) {
            return List.of();
        } catch (MalformedFrameException e) {
            parseError(e.reason());
            return List.of();
        } catch (IllegalArgumentException e) {
            parseError(method + ": " + e.getMessage());
            return List.of();
        }
    }
}
