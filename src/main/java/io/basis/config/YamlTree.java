package io.basis.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed reads from SnakeYAML's node tree. Works on nodes rather than constructed objects because only nodes carry
 * line numbers, and on scalar <em>text</em> so YAML 1.1 surprises (a symbol {@code NO} becoming {@code false}) cannot
 * happen. Every read reports its own problems and returns {@code null} (or an empty map) instead of throwing, so one
 * pass finds everything.
 */
final class YamlTree {

    private final Problems problems;

    YamlTree(Problems problems) {
        this.problems = problems;
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    /**
     * The entries of a mapping keyed by key text, in file order. Reports a non-mapping node, non-scalar or duplicate
     * keys and, when {@code allowed} is not null, keys outside it (typo protection); such entries are left out.
     */
    Map<String, NodeTuple> entries(Node node, String path, List<String> allowed) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problems.at(node, path, "expected a mapping of 'key: value' lines, got " + describe(node));
            return entries;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                problems.at(tuple.getKeyNode(), path, "keys must be plain words, got " + describe(tuple.getKeyNode()));
                continue;
            }
            String key = keyNode.getValue();
            if (allowed != null && !allowed.contains(key)) {
                problems.at(keyNode, child(path, key), Problems.unknown("key", key, allowed));
            } else if (entries.containsKey(key)) {
                problems.at(keyNode, child(path, key), "duplicate key (first on line "
                        + line(entries.get(key).getKeyNode()) + ")");
            } else {
                entries.put(key, tuple);
            }
        }
        return entries;
    }

    /** The trimmed scalar text; {@code null} for a YAML null (unreported) or a non-scalar (reported). */
    String text(Node node, String path) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problems.at(node, path, "expected a single value, got " + describe(node));
            return null;
        }
        return scalar.getValue().trim();
    }

    /** Like {@link #text} but a missing or blank value is reported too, naming what was expected. */
    String requiredText(Node node, String path, String expected) {
        if (isNull(node)) {
            problems.at(node, path, "no value; expected " + expected);
            return null;
        }
        String text = text(node, path);
        if (text != null && text.isEmpty()) {
            problems.at(node, path, "empty value; expected " + expected);
            return null;
        }
        return text;
    }

    /**
     * A non-empty list of distinct, non-blank scalars, e.g. {@code [BTCUSDT, ETHUSDT]}; {@code null} after reporting
     * when anything is wrong. Items are addressed as {@code path[index]} in messages.
     */
    List<String> stringList(Node node, String path, String itemName, String example) {
        if (!(node instanceof SequenceNode sequence)) {
            problems.at(node, path, "expected a list like [" + example + "], got " + describe(node));
            return null;
        }
        if (sequence.getValue().isEmpty()) {
            problems.at(node, path, "empty list; list at least one " + itemName + " or remove the key");
            return null;
        }
        int before = problems.count();
        List<String> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node item = sequence.getValue().get(i);
            String itemPath = path + "[" + i + "]";
            String value = requiredText(item, itemPath, "a " + itemName);
            if (value != null && !seen.add(value)) {
                problems.at(item, itemPath, "duplicate " + itemName + " '" + value + "'");
            } else if (value != null) {
                items.add(value);
            }
        }
        return problems.count() == before ? items : null;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
