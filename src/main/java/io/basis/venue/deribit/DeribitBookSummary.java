package io.basis.venue.deribit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One element of a {@code public/get_book_summary_by_currency} result (reference §4.3, §4.7): the wire values of
 * one instrument, un-normalized. Decimals are exact from the token text; every field but the name may be null
 * (Deribit sends {@code null} for e.g. {@code bid_price} when there is no bid, and omits {@code mark_iv} /
 * {@code underlying_price} for futures).
 *
 * <p>Units as sent: options' prices in coin and {@code mark_iv} in percent; {@code open_interest} in coin for
 * options, USD for inverse futures; {@code volume} 24 h in coin, {@code volume_usd} in USD.
 *
 * @param instrumentName  {@code instrument_name}
 * @param creationTime    {@code creation_timestamp} (ms) — the time of the summary, or null when absent
 * @param openInterest    {@code open_interest}
 * @param volume          {@code volume}
 * @param volumeUsd       {@code volume_usd}
 * @param markPrice       {@code mark_price}
 * @param markIv          {@code mark_iv}
 * @param underlyingPrice {@code underlying_price}
 * @param bidPrice        {@code bid_price}
 * @param askPrice        {@code ask_price}
 */
public record DeribitBookSummary(
        String instrumentName,
        Instant creationTime,
        BigDecimal openInterest,
        BigDecimal volume,
        BigDecimal volumeUsd,
        BigDecimal markPrice,
        BigDecimal markIv,
        BigDecimal underlyingPrice,
        BigDecimal bidPrice,
        BigDecimal askPrice) {

    /** Open interest descending (null as 0), then {@code volume_usd} descending (null as 0), then name ascending. */
    public static final Comparator<DeribitBookSummary> BY_OPEN_INTEREST = Comparator
            .comparing((DeribitBookSummary s) -> orZero(s.openInterest()), Comparator.reverseOrder())
            .thenComparing(s -> orZero(s.volumeUsd()), Comparator.reverseOrder())
            .thenComparing(DeribitBookSummary::instrumentName);

    public DeribitBookSummary {
        Objects.requireNonNull(instrumentName, "instrumentName");
    }

    /** True for option names ({@code BTC-27DEC24-100000-C}). */
    public boolean isOption() {
        return DeribitParser.isOption(instrumentName);
    }

    /**
     * The {@code n} summaries with the largest open interest, in {@link #BY_OPEN_INTEREST} order (the top-N option
     * selection: call with the {@code kind=option} summary of a currency). Fewer when the list is shorter.
     */
    public static List<DeribitBookSummary> topByOpenInterest(List<DeribitBookSummary> summaries, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative: " + n);
        }
        return summaries.stream().sorted(BY_OPEN_INTEREST).limit(n).toList();
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }
}
