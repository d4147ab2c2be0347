package io.basis.venue.deribit;

import io.basis.venue.MalformedFrameException;
import io.basis.venue.VenueJson;

import io.basis.model.ContractType;
import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;
import io.basis.model.OptionType;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code public/get_instruments} results → {@link Instrument}s (reference §3). Pure.
 *
 * <ul>
 * <li>kind {@code future} with {@code settlement_period: perpetual} → PERPETUAL ({@code BTC-PERPETUAL} →
 *     {@code BTC-USD-PERP}, no expiry); other futures → FUTURE ({@code BTC-USD-261227}); {@code option} → OPTION
 *     ({@code BTC-USD-261227-100000-C}); {@code spot} → SPOT ({@code BTC-USDC}); combos are skipped.</li>
 * <li>base = {@code base_currency}; quote = {@code counter_currency} (USD for inverse, USDC for linear; options'
 *     {@code quote_currency} is the premium coin), falling back to {@code quote_currency}; settle =
 *     {@code settlement_currency}.</li>
 * <li>contract type: {@code instrument_type}/{@code future_type} {@code reversed} → INVERSE, {@code linear} →
 *     LINEAR; when absent (options) INVERSE if settled in the base coin, else LINEAR.</li>
 * <li>expiry = {@code expiration_timestamp} (ms) except perpetuals/spot; date in names is its UTC {@code yyMMdd}.</li>
 * <li>tick = {@code tick_size}, lot = {@code min_trade_amount}, contract size = {@code contract_size}.</li>
 * <li>venue time = the reply's {@code usOut} (µs) when present, else receivedAt.</li>
 * </ul>
 */
public final class DeribitInstruments {

    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneOffset.UTC);

    private DeribitInstruments() {
    }

    /** Parses a full JSON-RPC reply {@code {"jsonrpc":"2.0","id":..,"result":[..],"usOut":..}}. */
    public static List<Instrument> parse(byte[] body, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        JsonNode root = DeribitJson.object(VenueJson.tree(body, "get_instruments"), "get_instruments");
        if (root.has("error")) {
            throw new MalformedFrameException("get_instruments: error reply");
        }
        Long usOut = DeribitJson.optionalInteger(root, "usOut", "get_instruments");
        Instant venueTime = usOut == null ? receivedAt : Instant.EPOCH.plusNanos(usOut * 1_000L);
        List<Instrument> out = new ArrayList<>();
        for (JsonNode i : DeribitJson.array(root.get("result"), "get_instruments")) {
            Instrument instrument = instrument(DeribitJson.object(i, "instrument"), venueTime, receivedAt);
            if (instrument != null) {
                out.add(instrument);
            }
        }
        return out;
    }

    /** One result element, or null for a kind Basis does not list (combos). */
    public static Instrument instrument(JsonNode i, Instant venueTime, Instant receivedAt) {
        String what = "instrument";
        String symbol = DeribitJson.text(i, "instrument_name", what);
        String kindText = DeribitJson.text(i, "kind", what);
        String base = DeribitJson.text(i, "base_currency", what);
        String counter = DeribitJson.optionalText(i, "counter_currency");
        String quote = counter != null ? counter : DeribitJson.text(i, "quote_currency", what);
        String settle = DeribitJson.optionalText(i, "settlement_currency");
        BigDecimal tick = DeribitJson.optionalDecimal(i, "tick_size");
        BigDecimal lot = DeribitJson.optionalDecimal(i, "min_trade_amount");
        BigDecimal contractSize = DeribitJson.optionalDecimal(i, "contract_size");
        ContractType contractType = contractType(i, base, settle);
        String pair = base + "-" + quote;
        return switch (kindText) {
            case "future" -> {
                if ("perpetual".equals(DeribitJson.optionalText(i, "settlement_period"))) {
                    yield new Instrument(DeribitParser.VENUE, symbol, pair + "-PERP", InstrumentKind.PERPETUAL, base,
                            quote, settle, contractSize, contractType, null, null, null, tick, lot, venueTime,
                            receivedAt);
                }
                Instant expiry = expiry(i);
                yield new Instrument(DeribitParser.VENUE, symbol, pair + "-" + YYMMDD.format(expiry),
                        InstrumentKind.FUTURE, base, quote, settle, contractSize, contractType, expiry, null, null,
                        tick, lot, venueTime, receivedAt);
            }
            case "option" -> {
                Instant expiry = expiry(i);
                BigDecimal strike = DeribitJson.decimal(i, "strike", what);
                OptionType type = switch (DeribitJson.text(i, "option_type", what)) {
                    case "call" -> OptionType.CALL;
                    case "put" -> OptionType.PUT;
                    default -> throw VenueJson.missing(what, "option_type");
                };
                String normalized = pair + "-" + YYMMDD.format(expiry) + "-" + strike.stripTrailingZeros()
                        .toPlainString() + "-" + (type == OptionType.CALL ? "C" : "P");
                yield new Instrument(DeribitParser.VENUE, symbol, normalized, InstrumentKind.OPTION, base, quote,
                        settle, contractSize, contractType, expiry, strike, type, tick, lot, venueTime, receivedAt);
            }
            case "spot" -> new Instrument(DeribitParser.VENUE, symbol, pair, InstrumentKind.SPOT, base, quote, settle,
                    contractSize, null, null, null, null, tick, lot, venueTime, receivedAt);
            default -> null;
        };
    }

    private static Instant expiry(JsonNode i) {
        return Instant.ofEpochMilli(DeribitJson.integer(i, "expiration_timestamp", "instrument"));
    }

    private static ContractType contractType(JsonNode i, String base, String settle) {
        String type = DeribitJson.optionalText(i, "instrument_type");
        if (type == null) {
            type = DeribitJson.optionalText(i, "future_type");
        }
        if ("reversed".equals(type)) {
            return ContractType.INVERSE;
        }
        if ("linear".equals(type)) {
            return ContractType.LINEAR;
        }
        return base.equals(settle) ? ContractType.INVERSE : ContractType.LINEAR;
    }
}
