package io.basis.store;

import io.basis.model.OptionTicker;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The quotes of one option over one period, column by column: the compact tier of option quote storage
 * ({@code option_quote_block.data}). Exact: every decimal comes back with its value and scale, nulls stay null.
 *
 * <p>Format (version 1): version byte; quote count; venue times: a unit (1000 when all are whole milliseconds, as
 * venues send them, else 1) and the zigzag varint difference from the previous one in units of microseconds (the
 * first from the epoch); receive times, whichever is shorter for the block: each as its offset from its venue time
 * (mode 0, a live feed: a few milliseconds) or as the difference from the previous receive time (mode 1, a replay
 * of old data); the fifteen decimal fields in {@link #FIELDS} order as {@link DecimalColumn}s; the underlying index
 * as runs of (string, run length). The venue and symbol are not stored (the row carries the instrument id).
 * Immutable.
 */
public final class OptionQuoteBlock {
    private static final int VERSION = 1;
    /** The decimal fields in block order. */
    static final List<Function<OptionTicker, BigDecimal>> FIELDS = List.of(OptionTicker::bidPrice,
            OptionTicker::bidAmount, OptionTicker::askPrice, OptionTicker::askAmount, OptionTicker::markPrice,
            OptionTicker::bidIv, OptionTicker::askIv, OptionTicker::markIv, OptionTicker::delta, OptionTicker::gamma,
            OptionTicker::vega, OptionTicker::theta, OptionTicker::rho, OptionTicker::openInterest,
            OptionTicker::underlyingPrice);

    private final long[] venueMicros;
    private final long[] receivedMicros;
    private final DecimalColumn[] columns;
    private final String[] underlyingIndex;

    private OptionQuoteBlock(long[] venueMicros, long[] receivedMicros, DecimalColumn[] columns,
                             String[] underlyingIndex) {
        this.venueMicros = venueMicros;
        this.receivedMicros = receivedMicros;
        this.columns = columns;
        this.underlyingIndex = underlyingIndex;
    }

    /** Encodes quotes of one instrument, in strictly increasing venue time. */
    public static byte[] encode(List<OptionTicker> quotes) {
        int n = quotes.size();
        QuoteBytes.Out out = new QuoteBytes.Out(64 + n * 40);
        out.writeByte(VERSION);
        out.writeUnsigned(n);
        long[] venue = new long[n];
        long[] received = new long[n];
        long unit = 1000;
        for (int i = 0; i < n; i++) {
            venue[i] = micros(quotes.get(i).venueTime());
            received[i] = micros(quotes.get(i).receivedAt());
            if (i > 0 && venue[i] <= venue[i - 1]) {
                throw new IllegalArgumentException("quotes not in strictly increasing venue time at " + i);
            }
            if (venue[i] % 1000 != 0) {
                unit = 1;
            }
        }
        out.writeUnsigned(unit);
        long prev = 0;
        for (long t : venue) {
            out.writeSigned((t - prev) / unit);
            prev = t;
        }
        QuoteBytes.Out offsets = new QuoteBytes.Out(n * 3);
        QuoteBytes.Out deltas = new QuoteBytes.Out(n * 3);
        for (int i = 0; i < n; i++) {
            offsets.writeSigned(received[i] - venue[i]);
            deltas.writeSigned(received[i] - (i == 0 ? venue[0] : received[i - 1]));
        }
        boolean byOffset = offsets.size() <= deltas.size();
        out.writeByte(byOffset ? 0 : 1);
        out.write(byOffset ? offsets : deltas);
        for (Function<OptionTicker, BigDecimal> field : FIELDS) {
            DecimalColumn.encode(n, i -> field.apply(quotes.get(i)), out);
        }
        int i = 0;
        while (i < n) {
            String s = quotes.get(i).underlyingIndex();
            int j = i + 1;
            while (j < n && Objects.equals(quotes.get(j).underlyingIndex(), s)) {
                j++;
            }
            out.writeString(s);
            out.writeUnsigned(j - i);
            i = j;
        }
        return out.toByteArray();
    }

    public static OptionQuoteBlock decode(byte[] data) {
        QuoteBytes.In in = new QuoteBytes.In(data);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown option quote block version " + version);
        }
        int n = in.readCount();
        long unit = in.readUnsigned();
        long[] venue = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            prev += in.readSigned() * unit;
            venue[i] = prev;
        }
        int mode = in.readByte();
        long[] received = new long[n];
        for (int i = 0; i < n; i++) {
            long d = in.readSigned();
            received[i] = mode == 0 ? venue[i] + d : (i == 0 ? venue[0] : received[i - 1]) + d;
        }
        DecimalColumn[] columns = new DecimalColumn[FIELDS.size()];
        for (int c = 0; c < columns.length; c++) {
            columns[c] = DecimalColumn.decode(n, in);
        }
        String[] index = new String[n];
        int i = 0;
        while (i < n) {
            String s = in.readString();
            int run = in.readCount();
            if (run == 0 || run > n - i) {
                throw new IllegalArgumentException("bad underlying index run " + run);
            }
            for (int k = 0; k < run; k++) {
                index[i++] = s;
            }
        }
        if (!in.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after an option quote block");
        }
        return new OptionQuoteBlock(venue, received, columns, index);
    }

    public int size() {
        return venueMicros.length;
    }

    public Instant venueTime(int i) {
        return instant(venueMicros[i]);
    }

    /** Index of the newest quote with venue time ≤ {@code t}, or -1. */
    public int indexAtOrBefore(Instant t) {
        long m = micros(t);
        int lo = 0;
        int hi = venueMicros.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (venueMicros[mid] <= m) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    public OptionTicker quote(int i, String venue, String symbol) {
        BigDecimal[] v = new BigDecimal[columns.length];
        for (int c = 0; c < v.length; c++) {
            v[c] = columns[c].get(i);
        }
        return new OptionTicker(venue, symbol, venueTime(i), instant(receivedMicros[i]), v[0], v[1], v[2], v[3],
                v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14], underlyingIndex[i]);
    }

    public List<OptionTicker> quotes(String venue, String symbol) {
        List<OptionTicker> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(quote(i, venue, symbol));
        }
        return out;
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
