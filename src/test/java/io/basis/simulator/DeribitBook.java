package io.basis.simulator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.basis.simulator.DeribitResponses.JSON;

/**
 * The order book of one simulated Deribit instrument and its {@code change_id} chain (reference §4.5): a snapshot
 * notification ({@code type: snapshot}, no {@code prev_change_id}) carries every level as {@code ["new", p, a]};
 * each change carries {@code prev_change_id} = the previous {@code change_id}, unless a gap was injected, in which
 * case one change id is skipped as if a notification had been lost. Entries are {@code action:price:amount}
 * strings, e.g. {@code "new:100.5:10"}, {@code "change:100.5:7"}, {@code "delete:100.5:0"}.
 *
 * <p>Not thread-safe: {@link DeribitMarket} guards it with its lock.
 */
final class DeribitBook {
    private final String instrument;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long changeId;
    private boolean gapNext;

    DeribitBook(String instrument, long firstChangeId) {
        this.instrument = instrument;
        this.changeId = firstChangeId;
    }

    long changeId() {
        return changeId;
    }

    /** The next change will not follow on from the last one. */
    void gapNext() {
        gapNext = true;
    }

    /** Applies entries and returns the {@code change} data object. */
    ObjectNode change(long timestamp, List<String> bidEntries, List<String> askEntries) {
        long prev = changeId;
        if (gapNext) {
            prev = changeId + 1;
            gapNext = false;
        }
        changeId = prev + 1;
        ObjectNode data = JSON.createObjectNode();
        data.put("type", "change");
        data.put("timestamp", timestamp);
        data.put("prev_change_id", prev);
        data.put("instrument_name", instrument);
        data.put("change_id", changeId);
        data.set("bids", apply(bids, bidEntries));
        data.set("asks", apply(asks, askEntries));
        return data;
    }

    /** The {@code snapshot} data object of the current book. */
    ObjectNode snapshot(long timestamp) {
        ObjectNode data = JSON.createObjectNode();
        data.put("type", "snapshot");
        data.put("timestamp", timestamp);
        data.put("instrument_name", instrument);
        data.put("change_id", changeId);
        data.set("bids", levels(bids, true));
        data.set("asks", levels(asks, true));
        return data;
    }

    /** {@code [[price, amount], ...]} best first, at most {@code depth} levels, for {@code public/get_order_book}. */
    ArrayNode plain(boolean bidSide, int depth) {
        ArrayNode out = JSON.createArrayNode();
        (bidSide ? bids : asks).entrySet().stream().limit(depth)
                .forEach(e -> out.addArray().add(e.getKey()).add(e.getValue()));
        return out;
    }

    Map.Entry<BigDecimal, BigDecimal> best(boolean bidSide) {
        return (bidSide ? bids : asks).firstEntry();
    }

    private static ArrayNode levels(TreeMap<BigDecimal, BigDecimal> side, boolean withAction) {
        ArrayNode out = JSON.createArrayNode();
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            ArrayNode level = out.addArray();
            if (withAction) {
                level.add("new");
            }
            level.add(e.getKey()).add(e.getValue());
        }
        return out;
    }

    private static ArrayNode apply(TreeMap<BigDecimal, BigDecimal> side, List<String> entries) {
        ArrayNode out = JSON.createArrayNode();
        for (String entry : entries) {
            String[] p = entry.split(":");
            if (p.length != 3 || !List.of("new", "change", "delete").contains(p[0])) {
                throw new IllegalArgumentException("book entry must be action:price:amount, got " + entry);
            }
            BigDecimal price = new BigDecimal(p[1]);
            BigDecimal amount = new BigDecimal(p[2]);
            if (p[0].equals("delete") || amount.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, amount);
            }
            out.addArray().add(p[0]).add(price).add(amount);
        }
        return out;
    }
}
