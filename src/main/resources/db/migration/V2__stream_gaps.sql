-- Ranges during which a stream delivered nothing (socket down, stale, planned reconnect, sequence resync,
-- process down, database outage...). Written by the connection runtime and the start-up check; the gap detection
-- and backfill work reads and updates it. One row per (venue, stream, start, cause): recording the same gap twice
-- is a no-op.
CREATE TABLE stream_gap (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue          text        NOT NULL,
    stream         text        NOT NULL,
    instrument_id  integer,
    event_type     text,
    gap_from       timestamptz NOT NULL,
    gap_to         timestamptz NOT NULL,
    cause          text        NOT NULL,
    state          text        NOT NULL DEFAULT 'open',
    state_reason   text,
    rows_recovered bigint      NOT NULL DEFAULT 0,
    detected_at    timestamptz NOT NULL,
    CONSTRAINT stream_gap_natural_key UNIQUE (venue, stream, gap_from, cause),
    CONSTRAINT stream_gap_range CHECK (gap_to >= gap_from)
);
CREATE INDEX stream_gap_open_idx ON stream_gap (state, venue, gap_from);
