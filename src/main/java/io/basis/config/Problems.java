package io.basis.config;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load so they can be reported together. Not thread-safe; one instance per load. */
final class Problems {

    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void at(Node node, String key, String message) {
        add(YamlTree.line(node), key, message);
    }

    void add(Integer line, String key, String message) {
        found.add(new ConfigProblem(file, line, key, message));
    }

    int count() {
        return found.size();
    }

    /** Throws with every problem, ordered by line (stable; problems without a line, e.g. bad variables, last). */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<ConfigProblem> byLine = new ArrayList<>(found);
            byLine.sort(Comparator.comparing(ConfigProblem::line, Comparator.nullsLast(Comparator.naturalOrder())));
            throw new InvalidConfigException(file, byLine);
        }
    }

    /** "unknown channel 'trade'; did you mean 'trades'? Known: ..." - the suggestion is what catches most typos. */
    static String unknown(String what, String given, Collection<String> known) {
        StringBuilder s = new StringBuilder("unknown ").append(what).append(" '").append(given).append("'");
        String closest = closest(given, known);
        if (closest != null) {
            s.append("; did you mean '").append(closest).append("'?");
        }
        return s.append(" Known: ").append(String.join(", ", known)).toString();
    }

    /** The one-of message for enumerated values, e.g. "'some' is not a storage policy (all, large-only, none)". */
    static String notOneOf(String given, String what, Collection<String> known) {
        return "'" + given + "' is not " + what + " (" + String.join(", ", known) + ")";
    }

    private static String closest(String given, Collection<String> known) {
        String best = null;
        int bestDistance = Math.max(2, given.length() / 3) + 1;
        for (String candidate : known) {
            int d = distance(given, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
