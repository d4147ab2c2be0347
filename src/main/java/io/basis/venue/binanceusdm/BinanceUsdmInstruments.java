package io.basis.venue.binanceusdm;

import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import io.basis.model.ContractType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.basis.venue.binanceusdm.BinanceUsdmJson.optionalDecimal;
import static io.basis.venue.binanceusdm.BinanceUsdmJson.optionalText;

/**
 * {@code GET /fapi/v1/exchangeInfo} → instruments and rate limits
 * (<a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/market-data/rest-api/Exchange-Information">Exchange
 * Information</a>). Pure.
 *
 * <p>Only {@code status: TRADING} symbols are listed. {@code PERPETUAL} (and {@code TRADIFI_PERPETUAL},
 * {@code PERPETUAL_DELIVERING}) become {@link InstrumentKind#PERPETUAL} {@code BASE-QUOTE-PERP} without expiry (the
 * far-future {@code deliveryDate} of perpetuals is a sentinel); quarterly and monthly contracts become
 * {@link InstrumentKind#FUTURE} {@code BASE-QUOTE-YYMMDD}, expiring at {@code deliveryDate}. Every USD-M contract is
 * linear with a contract size of one base unit; settle is the margin asset; tick size is PRICE_FILTER's
 * {@code tickSize} and lot size LOT_SIZE's {@code stepSize} (never {@code pricePrecision}/{@code quantityPrecision},
 * which the docs say are not increments).
 */
public final class BinanceUsdmInstruments {

    /** One {@code rateLimits} entry, e.g. REQUEST_WEIGHT 2400 per PT1M. */
    public record RateLimit(String type, Duration window, int limit) {
    }

    /**
     * @param problems one line per TRADING symbol skipped for a missing field or an unknown contract type, for the
     *                 runtime to log once
     */
    public record ExchangeInfo(List<Instrument> instruments, List<RateLimit> rateLimits, List<String> problems) {
        public ExchangeInfo {
            instruments = List.copyOf(instruments);
            rateLimits = List.copyOf(rateLimits);
            problems = List.copyOf(problems);
        }

        /** The IP request-weight limit (REQUEST_WEIGHT), the shortest window if several are listed. */
        public Optional<RateLimit> requestWeight() {
            return rateLimits.stream().filter(r -> r.type().equals("REQUEST_WEIGHT"))
                    .min((a, b) -> a.window().compareTo(b.window()));
        }
    }

    private static final String WHAT = "exchangeInfo";
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private BinanceUsdmInstruments() {
    }

    /**
     * @param receivedAt also the instruments' venue time when the body has no {@code serverTime}
     * @throws MalformedFrameException when the body is not JSON or has no {@code symbols} array
     */
    public static ExchangeInfo parse(byte[] body, Instant receivedAt) {
        JsonNode root = BinanceUsdmJson.object(VenueJson.tree(body, WHAT), WHAT);
        JsonNode serverTime = root.get("serverTime");
        Instant venueTime = serverTime != null && serverTime.isIntegralNumber()
                ? Instant.ofEpochMilli(serverTime.longValue()) : receivedAt;
        List<Instrument> instruments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode s : BinanceUsdmJson.array(root.get("symbols"), WHAT + ".symbols")) {
            if (!"TRADING".equals(optionalText(s, "status"))) {
                continue;
            }
            try {
                instrument(s, venueTime, receivedAt).ifPresentOrElse(instruments::add,
                        () -> problems.add(optionalText(s, "symbol") + ": contract type '"
                                + optionalText(s, "contractType") + "' not supported"));
            } catch (MalformedFrameException e) {
                problems.add(optionalText(s, "symbol") + ": " + e.reason());
            }
        }
        return new ExchangeInfo(instruments, rateLimits(root.get("rateLimits")), problems);
    }

    /** One {@code symbols[]} entry; empty for a contract type Basis does not model. */
    static Optional<Instrument> instrument(JsonNode s, Instant venueTime, Instant receivedAt) {
        String what = "exchangeInfo symbol";
        String symbol = BinanceUsdmJson.text(s, "symbol", what);
        String base = BinanceUsdmJson.text(s, "baseAsset", what);
        String quote = BinanceUsdmJson.text(s, "quoteAsset", what);
        String settle = BinanceUsdmJson.text(s, "marginAsset", what);
        String contractType = optionalText(s, "contractType");
        InstrumentKind kind = kindOf(contractType == null ? "" : contractType);
        if (kind == null) {
            return Optional.empty();
        }
        Instant expiry = null;
        String normalized = base + "-" + quote + "-PERP";
        if (kind == InstrumentKind.FUTURE) {
            expiry = Instant.ofEpochMilli(BinanceUsdmJson.integer(s, "deliveryDate", what));
            normalized = base + "-" + quote + "-" + YYMMDD.format(expiry);
        }
        return Optional.of(new Instrument(BinanceUsdmParser.VENUE, symbol, normalized, kind, base, quote, settle,
                BigDecimal.ONE, ContractType.LINEAR, expiry, null, null, filter(s, "PRICE_FILTER", "tickSize"),
                filter(s, "LOT_SIZE", "stepSize"), venueTime, receivedAt));
    }

    private static InstrumentKind kindOf(String contractType) {
        return switch (contractType) {
            case "PERPETUAL", "TRADIFI_PERPETUAL", "PERPETUAL_DELIVERING" -> InstrumentKind.PERPETUAL;
            case "CURRENT_QUARTER", "NEXT_QUARTER", "CURRENT_MONTH", "NEXT_MONTH" -> InstrumentKind.FUTURE;
            default -> null;
        };
    }

    private static BigDecimal filter(JsonNode symbol, String type, String field) {
        JsonNode filters = symbol.get("filters");
        if (filters == null || !filters.isArray()) {
            return null;
        }
        for (JsonNode f : filters) {
            if (type.equals(optionalText(f, "filterType"))) {
                return optionalDecimal(f, field);
            }
        }
        return null;
    }

    private static List<RateLimit> rateLimits(JsonNode limits) {
        List<RateLimit> out = new ArrayList<>();
        if (limits == null || !limits.isArray()) {
            return out;
        }
        for (JsonNode l : limits) {
            String type = optionalText(l, "rateLimitType");
            Duration unit = switch (String.valueOf(optionalText(l, "interval"))) {
                case "SECOND" -> Duration.ofSeconds(1);
                case "MINUTE" -> Duration.ofMinutes(1);
                case "HOUR" -> Duration.ofHours(1);
                case "DAY" -> Duration.ofDays(1);
                default -> null;
            };
            JsonNode num = l.get("intervalNum");
            JsonNode limit = l.get("limit");
            if (type != null && unit != null && num != null && num.canConvertToInt() && limit != null
                    && limit.canConvertToInt()) {
                out.add(new RateLimit(type, unit.multipliedBy(num.intValue()), limit.intValue()));
            }
        }
        return out;
    }
}
