package io.basis.venue.deribit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** Deribit wire records that leave the parser un-normalized. Immutable. */
public final class DeribitMessages {

    private DeribitMessages() {
    }

    /** Type of a {@code book.{instrument}.{interval}} notification. */
    public enum BookChangeType { SNAPSHOT, CHANGE }

    /** Action of one book entry: {@code new}, {@code change} or {@code delete} (amount 0). */
    public enum BookAction { NEW, CHANGE, DELETE }

    /** One {@code [action, price, amount]} entry; amount in USD for inverse instruments, coin for options. */
    public record BookEntry(BookAction action, BigDecimal price, BigDecimal amount) {
        public BookEntry {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(price, "price");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * One incremental order-book notification
     * (<a href="https://docs.deribit.com/">book.(instrument_name).(interval)</a>, reference §4.5). A snapshot has no
     * {@code prev_change_id} ({@code prevChangeId == null}); every change's {@code prev_change_id} must equal the
     * previous notification's {@code change_id}.
     *
     * @param channel the channel it arrived on, e.g. {@code book.BTC-PERPETUAL.100ms}
     */
    public record BookChange(
            String channel,
            String instrument,
            BookChangeType type,
            long timestamp,
            long changeId,
            Long prevChangeId,
            List<BookEntry> bids,
            List<BookEntry> asks) {
        public BookChange {
            Objects.requireNonNull(instrument, "instrument");
            Objects.requireNonNull(type, "type");
            bids = List.copyOf(bids);
            asks = List.copyOf(asks);
        }
    }
}
