-- The gap ledger: stream_gap becomes one row per missing range per stream, with its state through backfill.
--
-- Rows come in two shapes. A connection-level row (written by the connection runtime: stream = connection name,
-- symbol and event_type NULL) says "everything on this socket was missing"; once the streams it carried are known
-- it is expanded into instrument-level rows (symbol + event_type set, parent_id = the connection row) and the
-- connection row itself goes to state 'expanded'. Every other row is instrument-level from the start (sequence gaps
-- "book:<symbol>", start-up downtime, rate-limit pauses, scans).
--
-- States: open -> backfilling -> filled | unfillable (state_reason says why) | back to open (failure, shutdown,
-- crash recovery). 'ignored' is terminal for data no venue serves history of (order books, tickers): the hole
-- is listed, never backfilled. 'expanded' is terminal for a connection row whose children carry the work.
ALTER TABLE stream_gap ADD COLUMN symbol      text;
ALTER TABLE stream_gap ADD COLUMN parent_id   bigint REFERENCES stream_gap (id) ON DELETE CASCADE;
ALTER TABLE stream_gap ADD COLUMN backfill_id bigint;
ALTER TABLE stream_gap ADD COLUMN updated_at  timestamptz;
UPDATE stream_gap SET updated_at = detected_at;
ALTER TABLE stream_gap ALTER COLUMN updated_at SET NOT NULL;

ALTER TABLE stream_gap ADD CONSTRAINT stream_gap_state
    CHECK (state IN ('open', 'backfilling', 'filled', 'unfillable', 'ignored', 'expanded'));

-- The natural key now includes the instrument and the data type (NULL for connection rows, hence coalesce), so the
-- children of one connection gap (same stream, start and cause) are distinct rows; recording a gap again is still
-- a no-op. ON CONFLICT names these expressions.
ALTER TABLE stream_gap DROP CONSTRAINT stream_gap_natural_key;
CREATE UNIQUE INDEX stream_gap_natural_key
    ON stream_gap (venue, stream, coalesce(symbol, ''), coalesce(event_type, ''), gap_from, cause);

-- API filters (venue, symbol, type, state, time overlap) and the backfiller's "open gaps oldest first".
DROP INDEX stream_gap_open_idx;
CREATE INDEX stream_gap_state_idx ON stream_gap (state, venue, gap_from);
CREATE INDEX stream_gap_stream_idx ON stream_gap (venue, symbol, event_type, gap_from);
CREATE INDEX stream_gap_to_idx ON stream_gap (gap_to);
CREATE INDEX stream_gap_parent_idx ON stream_gap (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX stream_gap_backfill_idx ON stream_gap (backfill_id) WHERE backfill_id IS NOT NULL;

-- One backfill job: a venue, a range, the data types and symbols to fetch (empty array: all tracked), where it came
-- from, and its progress. At most one queued or running job per venue + range + types (the partial unique index):
-- a second request for the same work joins the first instead of repeating it.
CREATE TABLE backfill (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue          text        NOT NULL,
    range_from     timestamptz NOT NULL,
    range_to       timestamptz NOT NULL,
    event_types    text[]      NOT NULL DEFAULT '{}',
    symbols        text[]      NOT NULL DEFAULT '{}',
    origin         text        NOT NULL,
    state          text        NOT NULL DEFAULT 'queued',
    requests_done  bigint      NOT NULL DEFAULT 0,
    requests_total bigint      NOT NULL DEFAULT 0,
    rows_written   bigint      NOT NULL DEFAULT 0,
    created_at     timestamptz NOT NULL,
    started_at     timestamptz,
    updated_at     timestamptz NOT NULL,
    finished_at    timestamptz,
    error          text,
    CONSTRAINT backfill_origin CHECK (origin IN ('auto', 'api', 'cli', 'startup')),
    CONSTRAINT backfill_state CHECK (state IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT backfill_range CHECK (range_to >= range_from)
);
CREATE UNIQUE INDEX backfill_active_key ON backfill (venue, range_from, range_to, event_types, symbols)
    WHERE state IN ('queued', 'running');
CREATE INDEX backfill_created_idx ON backfill (created_at DESC);

ALTER TABLE stream_gap ADD CONSTRAINT stream_gap_backfill FOREIGN KEY (backfill_id) REFERENCES backfill (id)
    ON DELETE SET NULL;
