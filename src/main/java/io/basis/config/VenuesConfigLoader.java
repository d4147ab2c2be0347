package io.basis.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates the human-edited venues file ({@code config/venues.yaml}; the shipped file documents every key)
 * and applies {@code BASIS_VENUES_*} environment overrides (see {@link EnvOverrides}).
 *
 * <p>Contract: either returns a fully valid {@link VenuesConfig} or throws {@link InvalidConfigException} listing
 * <em>all</em> problems found, each naming the file, the line, the dotted key path and what is wrong. Unknown keys,
 * venue ids and channels are errors, so typos never pass silently. Stateless and thread-safe; the environment is
 * passed in so tests control it.
 */
public final class VenuesConfigLoader {

    /** Where the app looks when {@code basis.venues-file} is not set. */
    public static final Path DEFAULT_FILE = Path.of("config", "venues.yaml");
    /** Classpath copy of the shipped {@code config/venues.yaml}, used when {@link #DEFAULT_FILE} does not exist. */
    public static final String DEFAULT_RESOURCE = "basis/venues.yaml";

    private static final List<String> TOP_KEYS = List.of("venues");

    private VenuesConfigLoader() {
    }

    /** Loads {@code file}; a missing file is an error naming it (use this when the user chose the path). */
    public static VenuesConfig load(Path file, Map<String, String> env) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidConfigException(new ConfigProblem(name, null, null,
                    "file not found (resolved to " + file.toAbsolutePath().normalize() + ")"));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new InvalidConfigException(new ConfigProblem(name, null, null, "not UTF-8 text"));
        } catch (IOException e) {
            throw new InvalidConfigException(new ConfigProblem(name, null, null, "cannot be read: " + e));
        }
        return parse(text, file, env);
    }

    /**
     * Loads {@code file} if it exists, else the copy of the shipped file packaged at {@link #DEFAULT_RESOURCE}, so an
     * installation works without a {@code config/} folder until someone wants to edit it.
     */
    public static VenuesConfig loadDefault(Path file, Map<String, String> env) {
        return loadDefault(file, env, DEFAULT_RESOURCE, VenuesConfigLoader.class.getClassLoader());
    }

    static VenuesConfig loadDefault(Path file, Map<String, String> env, String resource, ClassLoader classLoader) {
        if (Files.exists(file)) {
            return load(file, env);
        }
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidConfigException(new ConfigProblem(file.toString(), null, null,
                        "file not found (resolved to " + file.toAbsolutePath().normalize()
                                + ") and no built-in default classpath:" + resource + " is packaged"));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), classpathSource(resource), env);
        } catch (IOException e) {
            throw new InvalidConfigException(new ConfigProblem("classpath:" + resource, null, null,
                    "cannot be read: " + e));
        }
    }

    /**
     * Parses and validates YAML text; {@code source} is only used to name the file in {@link VenuesConfig#source()}
     * and in messages.
     */
    public static VenuesConfig parse(String yamlText, Path source, Map<String, String> env) {
        Problems problems = new Problems(source.toString());
        Node root = compose(yamlText, problems.file());
        if (root == null) {
            throw new InvalidConfigException(new ConfigProblem(problems.file(), null, null,
                    "file is empty; expected a top-level 'venues:' mapping"));
        }
        YamlTree yaml = new YamlTree(problems);
        Map<String, NodeTuple> top = yaml.entries(root, "", TOP_KEYS);
        NodeTuple venuesEntry = top.get("venues");
        Map<String, VenueDraft> drafts = new LinkedHashMap<>();
        if (venuesEntry == null && problems.count() == 0) {
            problems.at(root, "venues", "missing top-level key 'venues'");
        } else if (venuesEntry != null) {
            drafts = parseVenues(venuesEntry.getValueNode(), yaml, problems);
        }
        EnvOverrides.apply(drafts, env, problems);
        VenueParser parser = new VenueParser(problems);
        drafts.values().forEach(parser::finish);
        problems.throwIfAny();
        Map<String, VenueConfig> venues = new LinkedHashMap<>();
        drafts.forEach((id, draft) -> venues.put(id, draft.build()));
        return new VenuesConfig(source, venues);
    }

    private static Map<String, VenueDraft> parseVenues(Node node, YamlTree yaml, Problems problems) {
        Map<String, VenueDraft> drafts = new LinkedHashMap<>();
        if (YamlTree.isNull(node)) {
            problems.at(node, "venues", "no venues listed; expected one entry per venue id ("
                    + String.join(", ", VenueId.ids()) + ")");
            return drafts;
        }
        VenueParser parser = new VenueParser(problems);
        yaml.entries(node, "venues", null).forEach((id, tuple) -> {
            ScalarNode keyNode = (ScalarNode) tuple.getKeyNode();
            if (VenueId.fromId(id).isEmpty()) {
                problems.at(keyNode, "venues." + id, Problems.unknown("venue id", id, VenueId.ids()));
            } else {
                drafts.put(id, parser.parse(id, keyNode, tuple.getValueNode()));
            }
        });
        return drafts;
    }

    private static Node compose(String text, String file) {
        try {
            // compose() builds nodes only (no objects), so no type tags are resolved into Java instances.
            return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            Integer line = mark == null ? null : mark.getLine() + 1;
            String column = mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")";
            String context = e.getContext() != null && e.getProblem() != null ? ", " + e.getContext() : "";
            throw new InvalidConfigException(new ConfigProblem(file, line, null,
                    "malformed YAML: " + problem + context + column + "; check indentation and ':' after keys"));
        } catch (YAMLException e) {
            throw new InvalidConfigException(new ConfigProblem(file, null, null, "malformed YAML: " + e.getMessage()));
        }
    }

    private static Path classpathSource(String resource) {
        try {
            return Path.of("classpath:" + resource);
        } catch (InvalidPathException e) {
            // ':' is not allowed in Windows paths; the source is informational only.
            return Path.of("classpath", resource);
        }
    }
}
