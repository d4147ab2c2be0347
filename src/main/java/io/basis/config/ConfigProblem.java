package io.basis.config;

/**
 * One problem found in a config file, rendered as {@code file:line: key.path: message} (line and key omitted when
 * unknown), e.g. {@code config/venues.yaml:14: venues.binance-usdm.channels.trades: 'some' is not a storage policy
 * (all, large-only, none)}.
 *
 * @param file    the file as given by the user, or a classpath description
 * @param line    1-based line, or {@code null} when the problem has no position (e.g. missing file)
 * @param key     dotted key path, or {@code null} when the problem is not about a key (e.g. malformed YAML)
 * @param message what is wrong and, where it helps, the accepted values
 */
public record ConfigProblem(String file, Integer line, String key, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line != null) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (key != null && !key.isEmpty()) {
            s.append(key).append(": ");
        }
        return s.append(message).toString();
    }
}
