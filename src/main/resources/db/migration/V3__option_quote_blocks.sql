-- Compact tier of option quotes, the largest stream (tens of millions of quote updates a day). A PostgreSQL row
-- costs at least 28 bytes of header and line pointer and each B-tree entry 20-30 more, so one row per quote cannot
-- come near 60 bytes per quote; instead, as TimescaleDB compression does, quotes are kept column-wise per
-- (instrument, hour):
--   * the writer keeps COPYing every stored quote into option_ticker (the same loss-free, idempotent path as every
--     other type; unchanged quotes are already dropped before it);
--   * OptionQuoteCompactor moves each closed hour of option_ticker into one row per instrument here, in one
--     transaction per group of instruments: DELETE ... RETURNING the rows, merge them into the existing block of
--     that (instrument, hour) if any (a late quote; the quote stored first wins on the same time, as in
--     option_ticker), upsert the block. Day partitions of option_ticker left empty are then dropped;
--   * data is an OptionQuoteBlock: venue times as delta microseconds, each decimal column as per-value scale runs
--     plus delta varints of the unscaled value (exact, lossless fallback), and PostgreSQL's TOAST compression;
--   * reads (EventQueries, OptionQuotes) merge both tiers; retention drops option_ticker partitions and deletes
--     blocks of the same days.
-- first_ts/last_ts (venue times of the first and last quote) let reads skip blocks without decoding them.
CREATE TABLE option_quote_block (
    instrument_id integer     NOT NULL,
    period_start  timestamptz NOT NULL,
    first_ts      timestamptz NOT NULL,
    last_ts       timestamptz NOT NULL,
    quotes        integer     NOT NULL,
    data          bytea       NOT NULL,
    CONSTRAINT option_quote_block_key PRIMARY KEY (instrument_id, period_start)
);
-- Reads across instruments in time order, and retention.
CREATE INDEX option_quote_block_period_idx ON option_quote_block (period_start);
