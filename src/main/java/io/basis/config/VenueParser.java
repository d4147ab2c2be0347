package io.basis.config;

import io.basis.model.InstrumentKind;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads one {@code venues.<id>} mapping into a {@link VenueDraft} ({@link #parse}) and, after environment overrides,
 * runs the checks that span several keys ({@link #finish}). Reports problems instead of throwing.
 */
final class VenueParser {

    static final List<String> KEYS = List.of("enabled", "rest-url", "ws-url", "symbols", "symbol-rule", "currencies",
            "large-trade-usd", "api-key-env", "channels");
    private static final List<String> RULE_KEYS = List.of("top", "kind", "quote", "by");
    private static final List<String> RULE_KINDS = List.of("spot", "perpetual", "future", "option");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,9}");

    private final Problems problems;
    private final YamlTree yaml;
    private final ChannelParser channelParser;

    VenueParser(Problems problems) {
        this.problems = problems;
        this.yaml = new YamlTree(problems);
        this.channelParser = new ChannelParser(problems, yaml);
    }

    VenueDraft parse(String id, ScalarNode keyNode, Node value) {
        VenueDraft draft = new VenueDraft(id, YamlTree.line(keyNode));
        Map<String, NodeTuple> entries = yaml.entries(value, draft.path(), KEYS);
        entries.forEach((key, tuple) -> draft.keyLines.put(key, YamlTree.line(tuple.getKeyNode())));
        entries.forEach((key, tuple) -> read(draft, key, tuple.getValueNode()));
        if (entries.containsKey("symbols") && entries.containsKey("symbol-rule")) {
            int later = Math.max(draft.lineOf("symbols"), draft.lineOf("symbol-rule"));
            problems.add(later, draft.path(), "set either 'symbols' or 'symbol-rule', not both");
        }
        return draft;
    }

    /** Checks that must see the final values, i.e. run after the environment overrides. */
    void finish(VenueDraft draft) {
        if (!draft.mentions("enabled")) {
            problems.add(draft.line, draft.path(), "missing required key 'enabled' (true or false)");
        }
        if (!draft.mentions("rest-url")) {
            problems.add(draft.line, draft.path(), "missing required key 'rest-url' (the venue's REST base URL)");
        }
        // Unreadable or invalid entries were reported already; only an absent or empty mapping is a new problem.
        boolean noChannels = draft.channelEntries == 0 || !draft.mentions("channels");
        if (Boolean.TRUE.equals(draft.enabled) && noChannels) {
            problems.add(draft.lineOf("channels"), draft.mentions("channels") ? draft.path("channels") : draft.path(),
                    "an enabled venue needs 'channels' with at least one channel");
        }
        boolean hasDefault = draft.largeTradeUsd.containsKey(VenueConfig.DEFAULT_THRESHOLD);
        draft.channels.values().stream()
                .filter(c -> c.storage() == StoragePolicy.LARGE_ONLY && !hasDefault)
                .forEach(c -> problems.add(draft.lineOf("channels." + c.channel().id()),
                        draft.path("channels." + c.channel().id()),
                        "large-only needs 'large-trade-usd' with a 'default' threshold (USD) for assets not listed"));
    }

    private void read(VenueDraft d, String key, Node value) {
        String path = d.path(key);
        switch (key) {
            case "enabled" -> d.enabled = convert(value, path, "true or false", Values::bool);
            case "rest-url" -> d.restUrl = convert(value, path, "an http(s) URL", Values::restUrl);
            case "ws-url" -> d.wsUrl = YamlTree.isNull(value) ? null
                    : convert(value, path, "a ws(s) URL", Values::wsUrl);
            case "symbols" -> d.symbols = orEmpty(yaml.stringList(value, path, "symbol", "BTCUSDT, ETHUSDT"));
            case "symbol-rule" -> d.symbolRule = symbolRule(value, path);
            case "currencies" -> d.currencies = orEmpty(yaml.stringList(value, path, "currency", "BTC, ETH"));
            case "large-trade-usd" -> d.largeTradeUsd = largeTradeUsd(value, path);
            case "api-key-env" -> d.apiKeyEnv = apiKeyEnv(value, path);
            case "channels" -> channelParser.parse(d, value, path);
            default -> throw new IllegalStateException("key allowed but not read: " + key);
        }
    }

    private <T> T convert(Node node, String path, String expected, Function<String, T> parser) {
        String text = yaml.requiredText(node, path, expected);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            problems.at(node, path, e.getMessage());
            return null;
        }
    }

    private SymbolRule symbolRule(Node node, String path) {
        if (!(node instanceof MappingNode)) {
            yaml.entries(node, path, RULE_KEYS);
            return null;
        }
        int before = problems.count();
        Map<String, NodeTuple> entries = yaml.entries(node, path, RULE_KEYS);
        Integer top = null;
        InstrumentKind kind = null;
        String quote = null;
        RankBy by = RankBy.VOLUME;
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            Node value = e.getValue().getValueNode();
            String keyPath = YamlTree.child(path, e.getKey());
            switch (e.getKey()) {
                case "top" -> top = convert(value, keyPath, "an integer from 1 to " + SymbolRule.MAX_TOP, VenueParser::top);
                case "kind" -> kind = convert(value, keyPath, "one of " + RULE_KINDS, VenueParser::kind);
                case "quote" -> quote = yaml.requiredText(value, keyPath, "a quote asset such as USDT");
                default -> by = convert(value, keyPath, "one of " + RankBy.ids(), VenueParser::rankBy);
            }
        }
        for (String required : List.of("top", "kind")) {
            if (!entries.containsKey(required)) {
                problems.at(node, path, "missing required key '" + required + "' (e.g. { top: 20, kind: perpetual,"
                        + " quote: USDT, by: volume })");
            }
        }
        return problems.count() == before ? new SymbolRule(top, kind, quote, by) : null;
    }

    private static int top(String text) {
        int top = DIGITS.matcher(text).matches() ? Integer.parseInt(text) : -1;
        if (top < 1 || top > SymbolRule.MAX_TOP) {
            throw new IllegalArgumentException("'" + text + "' must be an integer from 1 to " + SymbolRule.MAX_TOP);
        }
        return top;
    }

    private static InstrumentKind kind(String text) {
        if (!RULE_KINDS.contains(text)) {
            throw new IllegalArgumentException(Problems.notOneOf(text, "an instrument kind", RULE_KINDS));
        }
        return InstrumentKind.valueOf(text.toUpperCase(Locale.ROOT));
    }

    private static RankBy rankBy(String text) {
        return RankBy.fromId(text).orElseThrow(() ->
                new IllegalArgumentException(Problems.notOneOf(text, "a ranking", RankBy.ids())));
    }

    private Map<String, BigDecimal> largeTradeUsd(Node node, String path) {
        Map<String, BigDecimal> thresholds = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : yaml.entries(node, path, null).entrySet()) {
            String asset = e.getKey().equals(VenueConfig.DEFAULT_THRESHOLD) ? e.getKey() : BaseAssets.normalize(e.getKey());
            String keyPath = YamlTree.child(path, e.getKey());
            Node keyNode = e.getValue().getKeyNode();
            BigDecimal usd = convert(e.getValue().getValueNode(), keyPath, "a USD amount", VenueParser::usd);
            if (asset.isEmpty()) {
                problems.at(keyNode, keyPath, "empty asset name");
            } else if (thresholds.containsKey(asset)) {
                problems.at(keyNode, keyPath, "duplicate asset '" + asset + "' (asset names are case-insensitive)");
            } else if (usd != null) {
                thresholds.put(asset, usd);
            }
        }
        return thresholds;
    }

    private static BigDecimal usd(String text) {
        BigDecimal usd;
        try {
            usd = new BigDecimal(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number; write a USD amount like 100000");
        }
        if (usd.signum() <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be a positive USD amount");
        }
        return usd;
    }

    private String apiKeyEnv(Node node, String path) {
        String name = yaml.requiredText(node, path, "the name of an environment variable");
        if (name != null && !ENV_NAME.matcher(name).matches()) {
            // Never echo the value: the usual mistake is pasting the key itself here.
            problems.at(node, path, "must be the NAME of an environment variable (letters, digits, '_'), e.g."
                    + " COINGLASS_API_KEY; put the key itself in that variable, never in this file");
            return null;
        }
        return name;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
