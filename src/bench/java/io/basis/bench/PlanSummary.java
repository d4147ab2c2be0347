package io.basis.bench;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code EXPLAIN (ANALYZE, BUFFERS)} of a captured statement, condensed: execution and planning time, shared
 * buffers, and the plan tree with one line per node kind. Partitions are written {@code trade_p*}, and identical
 * sibling subtrees (one per partition) are merged into one line with their count, how many of them ran, and their
 * summed rows and buffers, so a plan over 40 partitions still fits a screen.
 */
final class PlanSummary {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LINES = 24;

    final double executionMs;
    final double planningMs;
    final long sharedHit;
    final long sharedRead;
    final List<String> lines;

    private PlanSummary(double executionMs, double planningMs, long sharedHit, long sharedRead, List<String> lines) {
        this.executionMs = executionMs;
        this.planningMs = planningMs;
        this.sharedHit = sharedHit;
        this.sharedRead = sharedRead;
        this.lines = lines;
    }

    static PlanSummary explain(DataSource ds, SqlCapture.Captured q) throws SQLException {
        String json;
        try (Connection c = ds.getConnection();
             PreparedStatement p = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + q.sql())) {
            for (int i = 0; i < q.params().size(); i++) {
                p.setObject(i + 1, q.params().get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                json = rs.getString(1);
            }
        }
        JsonNode top = JSON.readTree(json).get(0);
        JsonNode plan = top.get("Plan");
        List<String> lines = new ArrayList<>();
        render(List.of(plan), 0, 1, lines);
        if (lines.size() > MAX_LINES) {
            int more = lines.size() - MAX_LINES;
            lines = new ArrayList<>(lines.subList(0, MAX_LINES));
            lines.add("... " + more + " more plan lines");
        }
        return new PlanSummary(top.path("Execution Time").asDouble(), top.path("Planning Time").asDouble(),
                plan.path("Shared Hit Blocks").asLong(), plan.path("Shared Read Blocks").asLong(), lines);
    }

    /** "Limit > Sort > Nested Loop > Append > Index Scan": the node kinds, top down, first child first. */
    String nodeKinds() {
        List<String> kinds = new ArrayList<>();
        for (String l : lines) {
            String k = l.strip();
            int cut = k.indexOf("  ");
            k = cut > 0 ? k.substring(0, cut) : k;
            k = k.replaceAll(" on .*| using .*| \\(.*| ×.*", "");
            if (!k.startsWith("...") && !kinds.contains(k)) {
                kinds.add(k);
            }
        }
        return String.join(" > ", kinds);
    }

    /**
     * Renders sibling nodes, merging those with the same shape (partitions of one table). Time is summed over a
     * node's loops (a nested loop runs its inner side once per outer row); below a Gather the loops run in
     * {@code workers} parallel processes, so the sum is divided among them.
     */
    private static void render(List<JsonNode> siblings, int depth, int workers, List<String> out) {
        Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
        for (JsonNode n : siblings) {
            groups.computeIfAbsent(signature(n), k -> new ArrayList<>()).add(n);
        }
        for (List<JsonNode> group : groups.values()) {
            JsonNode first = group.getFirst();
            double rows = 0;
            long loops = 0;
            long hit = 0;
            long read = 0;
            long removed = 0;
            int executed = 0;
            double ms = 0;
            for (JsonNode n : group) {
                long l = n.path("Actual Loops").asLong();
                loops += l;
                executed += l > 0 ? 1 : 0;
                rows += n.path("Actual Rows").asDouble() * l;
                hit += n.path("Shared Hit Blocks").asLong();
                read += n.path("Shared Read Blocks").asLong();
                removed += n.path("Rows Removed by Filter").asLong() + n.path("Rows Removed by Index Recheck").asLong();
                ms += n.path("Actual Total Time").asDouble() * l / workers;
            }
            StringBuilder b = new StringBuilder("  ".repeat(depth)).append(label(first));
            if (group.size() > 1) {
                b.append(" ×").append(group.size()).append(" (").append(executed).append(" ran)");
            } else if (executed == 0) {
                b.append(" (never executed)");
            }
            b.append(String.format(Locale.ROOT, "  rows %,.0f", rows));
            if (loops > 1) {
                b.append(String.format(Locale.ROOT, " loops %,d", loops));
            }
            if (removed > 0) {
                b.append(String.format(Locale.ROOT, " removed %,d", removed));
            }
            b.append(String.format(Locale.ROOT, "  %.2f ms  buffers %,d hit %,d read", ms, hit, read));
            out.add(b.toString());
            List<JsonNode> children = new ArrayList<>();
            for (JsonNode n : group) {
                children.addAll(n.path("Plans").values());
            }
            if (!children.isEmpty()) {
                int w = first.path("Node Type").asString().startsWith("Gather")
                        ? (int) first.path("Workers Launched").asLong() + 1 : workers;
                render(children, depth + 1, w, out);
            }
        }
    }

    private static String label(JsonNode n) {
        StringBuilder b = new StringBuilder(n.path("Node Type").asString());
        if (n.has("Join Type") && !n.path("Join Type").asString().equals("Inner")) {
            b.append(" (").append(n.path("Join Type").asString()).append(')');
        }
        if (n.has("Relation Name")) {
            b.append(" on ").append(partition(n.path("Relation Name").asString()));
        }
        if (n.has("Index Name")) {
            b.append(" using ").append(partition(n.path("Index Name").asString()));
        }
        if (n.has("Subplans Removed") && n.path("Subplans Removed").asLong() > 0) {
            b.append(" (").append(n.path("Subplans Removed").asLong()).append(" partitions pruned)");
        }
        if (n.has("Sort Method")) {
            b.append(" (").append(n.path("Sort Method").asString()).append(')');
        }
        return b.toString();
    }

    /** The node with its subtree, partitions anonymised: equal signatures merge. */
    private static String signature(JsonNode n) {
        StringBuilder b = new StringBuilder(label(n));
        for (JsonNode c : n.path("Plans").values()) {
            b.append('[').append(signature(c)).append(']');
        }
        return b.toString();
    }

    private static String partition(String name) {
        return name.replaceAll("_p\\d{6,8}", "_p*");
    }
}
