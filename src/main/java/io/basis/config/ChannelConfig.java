package io.basis.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry under a venue's {@code channels:}.
 *
 * @param channel the normalized channel
 * @param storage what to store of it
 * @param options free-form, venue-specific settings in file order (e.g. {@code depth: "20"},
 *                {@code snapshot-interval: "1s"}); values are kept as written and interpreted - and validated - by
 *                the venue's connector, which knows which options it supports
 */
public record ChannelConfig(Channel channel, StoragePolicy storage, Map<String, String> options) {

    public ChannelConfig {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(storage, "storage");
        if (storage == StoragePolicy.LARGE_ONLY && !channel.allowsLargeOnly()) {
            throw new IllegalArgumentException("large-only is not valid for " + channel.id());
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    public ChannelConfig(Channel channel, StoragePolicy storage) {
        this(channel, storage, Map.of());
    }

    /** The option's value as written, if set. */
    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }
}
