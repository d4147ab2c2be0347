package io.basis.ingest.book;

import io.basis.model.PriceLevel;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * One side of the book as a sorted array, best level last (bids ascending, asks descending), so the levels that
 * change most often sit at the end and inserting or removing them moves few elements. Levels are keyed by price
 * value ({@link BigDecimal#compareTo}); a level replaced by an equal price keeps the price it was first stored
 * with, as a sorted map would. The stored {@link PriceLevel}s are handed out as they are (they are immutable).
 * Not thread-safe: one book, one thread.
 *
 * <p>The search runs over a parallel array of {@code double} keys (the price's double value, negated for asks,
 * so keys ascend on both sides): rounding to double is monotone, so a smaller key means a price strictly ahead,
 * and only prices whose keys are equal are told apart by {@link BigDecimal#compareTo}, keeping it exact.
 */
public final class BookSide {
    private final boolean ascending;
    private double[] keys = new double[128];
    private BigDecimal[] prices = new BigDecimal[128];
    private PriceLevel[] levels = new PriceLevel[128];
    private int size;

    private BookSide(boolean ascending) {
        this.ascending = ascending;
    }

    /** The bid side: best (highest) price first in {@link #top}. */
    public static BookSide bids() {
        return new BookSide(true);
    }

    /** The ask side: best (lowest) price first in {@link #top}. */
    public static BookSide asks() {
        return new BookSide(false);
    }

    public void putAll(List<PriceLevel> update) {
        for (int i = 0, n = update.size(); i < n; i++) {
            put(update.get(i));
        }
    }

    /** Sets a level; a zero amount removes it. */
    public void put(PriceLevel level) {
        BigDecimal price = level.price();
        double key = price.doubleValue();
        if (!ascending) {
            key = -key;
        }
        int i = find(price, key);
        if (level.amount().signum() == 0) {
            if (i >= 0) {
                int moved = size - i - 1;
                if (moved > 0) {
                    System.arraycopy(keys, i + 1, keys, i, moved);
                    System.arraycopy(prices, i + 1, prices, i, moved);
                    System.arraycopy(levels, i + 1, levels, i, moved);
                }
                size--;
                prices[size] = null;
                levels[size] = null;
            }
            return;
        }
        if (i >= 0) {
            BigDecimal kept = prices[i];
            levels[i] = kept.equals(price) ? level : new PriceLevel(kept, level.amount());
            return;
        }
        int at = -i - 1;
        if (size == prices.length) {
            keys = Arrays.copyOf(keys, size * 2);
            prices = Arrays.copyOf(prices, size * 2);
            levels = Arrays.copyOf(levels, size * 2);
        }
        int moved = size - at;
        if (moved > 0) {
            System.arraycopy(keys, at, keys, at + 1, moved);
            System.arraycopy(prices, at, prices, at + 1, moved);
            System.arraycopy(levels, at, levels, at + 1, moved);
        }
        keys[at] = key;
        prices[at] = price;
        levels[at] = level;
        size++;
    }

    /** Index of the price, or {@code -(insertion point) - 1}. */
    private int find(BigDecimal price, double key) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int i = lo;
        while (i < size && keys[i] == key) {
            int c = prices[i].compareTo(price);
            if (c == 0) {
                return i;
            }
            if (ascending ? c > 0 : c < 0) {
                break;
            }
            i++;
        }
        return -(i + 1);
    }

    public void clear() {
        Arrays.fill(prices, 0, size, null);
        Arrays.fill(levels, 0, size, null);
        size = 0;
    }

    public int size() {
        return size;
    }

    /** The best {@code depth} levels, best first. */
    public List<PriceLevel> top(int depth) {
        int n = Math.min(depth, size);
        PriceLevel[] out = new PriceLevel[n];
        for (int k = 0; k < n; k++) {
            out[k] = levels[size - 1 - k];
        }
        return Arrays.asList(out);
    }
}
