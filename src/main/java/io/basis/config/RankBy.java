package io.basis.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The 24-hour statistic a {@link SymbolRule} ranks instruments by. */
public enum RankBy {
    VOLUME("volume"),
    OPEN_INTEREST("open-interest");

    private final String id;

    RankBy(String id) {
        this.id = id;
    }

    /** The spelling used in the venues file. */
    public String id() {
        return id;
    }

    public static Optional<RankBy> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RankBy::id).toList();
    }
}
