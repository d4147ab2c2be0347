package io.basis.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a venue's {@code channels:} mapping. Each entry is either a storage policy ({@code trades: all}) or a mapping
 * with {@code storage} plus free-form connector options ({@code book: { storage: all, depth: 20 }}).
 */
final class ChannelParser {

    private static final String STORAGE = "storage";

    private final Problems problems;
    private final YamlTree yaml;

    ChannelParser(Problems problems, YamlTree yaml) {
        this.problems = problems;
        this.yaml = yaml;
    }

    /** Adds the valid entries to {@code draft.channels} and records every entry's line under {@code channels.<id>}. */
    void parse(VenueDraft draft, Node node, String path) {
        Map<String, NodeTuple> entries = yaml.entries(node, path, null);
        if (node instanceof MappingNode mapping) {
            draft.channelEntries = mapping.getValue().size();
        }
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            String id = e.getKey();
            String channelPath = YamlTree.child(path, id);
            Node keyNode = e.getValue().getKeyNode();
            draft.keyLines.put("channels." + id, YamlTree.line(keyNode));
            Channel channel = Channel.fromId(id).orElse(null);
            if (channel == null) {
                problems.at(keyNode, channelPath, Problems.unknown("channel", id, Channel.ids()));
                continue;
            }
            ChannelConfig config = channelConfig(channel, e.getValue().getValueNode(), channelPath);
            if (config != null) {
                draft.channels.put(channel, config);
            }
        }
    }

    private ChannelConfig channelConfig(Channel channel, Node value, String path) {
        if (!(value instanceof MappingNode)) {
            StoragePolicy storage = storage(channel, value, path);
            return storage == null ? null : new ChannelConfig(channel, storage);
        }
        Map<String, NodeTuple> entries = yaml.entries(value, path, null);
        NodeTuple storageEntry = entries.get(STORAGE);
        if (storageEntry == null) {
            problems.at(value, path, "missing required key 'storage' (" + String.join(", ", StoragePolicy.ids()) + ")");
        }
        StoragePolicy storage = storageEntry == null ? null
                : storage(channel, storageEntry.getValueNode(), YamlTree.child(path, STORAGE));
        Map<String, String> options = new LinkedHashMap<>();
        boolean optionsValid = true;
        for (Map.Entry<String, NodeTuple> option : entries.entrySet()) {
            if (option.getKey().equals(STORAGE)) {
                continue;
            }
            String optionPath = YamlTree.child(path, option.getKey());
            String text = yaml.requiredText(option.getValue().getValueNode(), optionPath, "a single value");
            optionsValid &= text != null;
            if (text != null) {
                options.put(option.getKey(), text);
            }
        }
        return storage == null || !optionsValid ? null : new ChannelConfig(channel, storage, options);
    }

    private StoragePolicy storage(Channel channel, Node node, String path) {
        String text = yaml.requiredText(node, path, "a storage policy (" + String.join(", ", StoragePolicy.ids()) + ")");
        if (text == null) {
            return null;
        }
        StoragePolicy storage = StoragePolicy.fromId(text).orElse(null);
        if (storage == null) {
            problems.at(node, path, Problems.notOneOf(text, "a storage policy", StoragePolicy.ids()));
        } else if (storage == StoragePolicy.LARGE_ONLY && !channel.allowsLargeOnly()) {
            problems.at(node, path, "'large-only' is only valid for trades and liquidations; use all or none for "
                    + channel.id());
            return null;
        }
        return storage;
    }
}
