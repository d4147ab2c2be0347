package io.basis.ingest;

/** How a data source (venue connection) is doing, as reported in /status {@code data_sources}. */
public enum SourceState {
    ACTIVE, DEGRADED, DOWN;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
