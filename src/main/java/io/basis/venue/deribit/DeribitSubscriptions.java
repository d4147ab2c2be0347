package io.basis.venue.deribit;

import io.basis.config.Channel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The WebSocket channels a tracked set needs, as a function of the set (so a reconnect resubscribes exactly the
 * current set) and of the configured channels. Pure.
 *
 * <ul>
 * <li>per option: {@code ticker} (option-ticker), {@code trades} (trades or liquidations), {@code book} (book);</li>
 * <li>per future/perpetual: {@code ticker} (mark-price, index-price, open-interest or funding), {@code trades},
 *     {@code book};</li>
 * <li>per currency: {@code deribit_volatility_index.<cur>_usd} (volatility-index; BTC and ETH only) and
 *     {@code deribit_price_index.<cur>_usd} (index-price; {@code <coin>_usdc} for USDC-linear coins such as SOL,
 *     see {@link DeribitCurrency}).</li>
 * </ul>
 * Instrument channels use {@code interval}: {@code 100ms} unauthenticated, {@code raw} after {@code public/auth}.
 */
public final class DeribitSubscriptions {

    /**
     * Channels per {@code public/subscribe} message. Deribit documents no per-message maximum (reference §1.1); this
     * keeps each request and its reply small.
     */
    public static final int MAX_CHANNELS_PER_MESSAGE = 50;

    private DeribitSubscriptions() {
    }

    /** Every channel of the tracked set: instruments in sorted order, then the per-currency index channels. */
    public static List<String> channels(DeribitTracking.Tracked tracked, DeribitSettings settings, String interval) {
        List<String> out = new ArrayList<>();
        for (String instrument : tracked.all()) {
            out.addAll(instrumentChannels(instrument, tracked.options().contains(instrument), settings, interval));
        }
        for (String code : tracked.currencies()) {
            DeribitCurrency currency = DeribitCurrency.of(code);
            if (settings.has(Channel.VOLATILITY_INDEX) && currency.hasVolatilityIndex()) {
                out.add(DeribitChannels.volatilityIndex(currency.indexName()));
            }
            if (settings.has(Channel.INDEX_PRICE)) {
                out.add(DeribitChannels.priceIndex(currency.indexName()));
            }
        }
        return out;
    }

    /** The channels of the given instruments (for a diff: subscribe the added, unsubscribe the removed). */
    public static List<String> channelsOf(Collection<String> instruments, DeribitSettings settings, String interval) {
        List<String> out = new ArrayList<>();
        for (String i : instruments) {
            out.addAll(instrumentChannels(i, DeribitParser.isOption(i), settings, interval));
        }
        return out;
    }

    /** The instrument channels of one instrument. */
    public static List<String> instrumentChannels(String instrument, boolean option, DeribitSettings settings,
                                                  String interval) {
        List<String> out = new ArrayList<>(3);
        boolean ticker = option ? settings.has(Channel.OPTION_TICKER)
                : settings.has(Channel.MARK_PRICE) || settings.has(Channel.INDEX_PRICE)
                || settings.has(Channel.OPEN_INTEREST) || settings.has(Channel.FUNDING);
        if (ticker) {
            out.add("ticker." + instrument + "." + interval);
        }
        if (settings.has(Channel.TRADES) || settings.has(Channel.LIQUIDATIONS)) {
            out.add("trades." + instrument + "." + interval);
        }
        if (settings.has(Channel.BOOK)) {
            out.add(book(instrument, interval));
        }
        return out;
    }

    public static String book(String instrument, String interval) {
        return "book." + instrument + "." + interval;
    }

    /** Consecutive chunks of at most {@code size}. */
    public static List<List<String>> chunks(List<String> channels, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < channels.size(); i += size) {
            out.add(List.copyOf(channels.subList(i, Math.min(channels.size(), i + size))));
        }
        return out;
    }
}
