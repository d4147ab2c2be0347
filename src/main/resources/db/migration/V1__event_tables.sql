-- Basis event store. Every time-series table is keyed on its natural key, which always ends in (or contains)
-- the partitioning column ts, so a unique index is legal on both native partitions and TimescaleDB hypertables.
-- ${time_partitioning} is "PARTITION BY RANGE (ts)" for native partitioning and empty when TimescaleDB turns
-- the tables into hypertables afterwards (see TimeSeriesLayout).

CREATE TABLE instrument (
    id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    venue             text        NOT NULL,
    venue_symbol      text        NOT NULL,
    symbol            text,
    kind              text,
    base              text,
    quote             text,
    settle            text,
    contract_size     numeric,
    contract_type     text,
    expiry            timestamptz,
    strike            numeric,
    option_type       text,
    tick_size         numeric,
    lot_size          numeric,
    venue_time        timestamptz,
    received_at       timestamptz,
    CONSTRAINT instrument_natural_key UNIQUE (venue, venue_symbol)
);
CREATE INDEX instrument_symbol_idx ON instrument (symbol);

CREATE TABLE trade (
    instrument_id integer     NOT NULL,
    ts            timestamptz NOT NULL,
    trade_id      text        NOT NULL,
    received_at   timestamptz NOT NULL,
    price         numeric     NOT NULL,
    amount        numeric     NOT NULL,
    base_amount   numeric,
    notional      numeric,
    side          text        NOT NULL,
    large         boolean     NOT NULL,
    CONSTRAINT trade_natural_key UNIQUE (instrument_id, ts, trade_id)
) ${time_partitioning};

CREATE TABLE liquidation (
    instrument_id integer     NOT NULL,
    ts            timestamptz NOT NULL,
    side          text        NOT NULL,
    price         numeric     NOT NULL,
    amount        numeric     NOT NULL,
    received_at   timestamptz NOT NULL,
    base_amount   numeric,
    notional      numeric,
    CONSTRAINT liquidation_natural_key UNIQUE (instrument_id, ts, side, price, amount)
) ${time_partitioning};

-- ts is the funding (settlement) time; observed_at the venue time of the newest observation kept.
CREATE TABLE funding_rate (
    instrument_id    integer     NOT NULL,
    ts               timestamptz NOT NULL,
    observed_at      timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    rate             numeric     NOT NULL,
    predicted_rate   numeric,
    interval_s       integer,
    CONSTRAINT funding_rate_natural_key UNIQUE (instrument_id, ts)
) ${time_partitioning};

CREATE TABLE open_interest (
    instrument_id integer     NOT NULL,
    ts            timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    amount        numeric     NOT NULL,
    base_amount   numeric,
    notional      numeric,
    CONSTRAINT open_interest_natural_key UNIQUE (instrument_id, ts)
) ${time_partitioning};

CREATE TABLE mark_price (
    instrument_id          integer     NOT NULL,
    ts                     timestamptz NOT NULL,
    received_at            timestamptz NOT NULL,
    mark_price             numeric     NOT NULL,
    index_price            numeric,
    estimated_settle_price numeric,
    CONSTRAINT mark_price_natural_key UNIQUE (instrument_id, ts)
) ${time_partitioning};

CREATE TABLE index_price (
    instrument_id integer     NOT NULL,
    ts            timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    price         numeric     NOT NULL,
    CONSTRAINT index_price_natural_key UNIQUE (instrument_id, ts)
) ${time_partitioning};

CREATE TABLE book_snapshot (
    instrument_id integer     NOT NULL,
    ts            timestamptz NOT NULL,
    sequence      bigint      NOT NULL,
    received_at   timestamptz NOT NULL,
    bid_prices    numeric[]   NOT NULL,
    bid_amounts   numeric[]   NOT NULL,
    ask_prices    numeric[]   NOT NULL,
    ask_amounts   numeric[]   NOT NULL,
    CONSTRAINT book_snapshot_natural_key UNIQUE (instrument_id, ts, sequence)
) ${time_partitioning};

-- ts is the candle open time.
CREATE TABLE candle (
    instrument_id integer     NOT NULL,
    interval_s    integer     NOT NULL,
    ts            timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    open          numeric     NOT NULL,
    high          numeric     NOT NULL,
    low           numeric     NOT NULL,
    close         numeric     NOT NULL,
    volume        numeric     NOT NULL,
    quote_volume  numeric,
    trade_count   bigint,
    closed        boolean     NOT NULL,
    CONSTRAINT candle_natural_key UNIQUE (instrument_id, interval_s, ts)
) ${time_partitioning};

CREATE TABLE option_ticker (
    instrument_id    integer     NOT NULL,
    ts               timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    bid_price        numeric,
    bid_amount       numeric,
    ask_price        numeric,
    ask_amount       numeric,
    mark_price       numeric     NOT NULL,
    bid_iv           numeric,
    ask_iv           numeric,
    mark_iv          numeric,
    delta            numeric,
    gamma            numeric,
    vega             numeric,
    theta            numeric,
    rho              numeric,
    open_interest    numeric,
    underlying_price numeric,
    underlying_index text,
    CONSTRAINT option_ticker_natural_key UNIQUE (instrument_id, ts)
) ${time_partitioning};

CREATE TABLE volatility_index (
    instrument_id integer     NOT NULL,
    ts            timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    value         numeric     NOT NULL,
    CONSTRAINT volatility_index_natural_key UNIQUE (instrument_id, ts)
) ${time_partitioning};

CREATE TABLE long_short_ratio (
    instrument_id integer     NOT NULL,
    kind          text        NOT NULL,
    period_s      integer     NOT NULL,
    ts            timestamptz NOT NULL,
    received_at   timestamptz NOT NULL,
    ratio         numeric     NOT NULL,
    long_value    numeric,
    short_value   numeric,
    CONSTRAINT long_short_ratio_natural_key UNIQUE (instrument_id, kind, period_s, ts)
) ${time_partitioning};

-- Cross-instrument reads in time order ("the newest trades of a venue", a window over all instruments). A BRIN
-- index is smaller but cannot return rows in order, so an unbounded ORDER BY ts LIMIT n would scan everything.
CREATE INDEX trade_ts_idx ON trade (ts);
CREATE INDEX liquidation_ts_idx ON liquidation (ts);
CREATE INDEX funding_rate_ts_idx ON funding_rate (ts);
CREATE INDEX open_interest_ts_idx ON open_interest (ts);
CREATE INDEX mark_price_ts_idx ON mark_price (ts);
CREATE INDEX index_price_ts_idx ON index_price (ts);
CREATE INDEX book_snapshot_ts_idx ON book_snapshot (ts);
CREATE INDEX candle_ts_idx ON candle (ts);
CREATE INDEX option_ticker_ts_idx ON option_ticker (ts);
CREATE INDEX volatility_index_ts_idx ON volatility_index (ts);
CREATE INDEX long_short_ratio_ts_idx ON long_short_ratio (ts);

-- Newest stored event per stream (instrument x event type): freshness, gap_hours, and start-up gap detection.
CREATE TABLE stream_watermark (
    instrument_id      integer     NOT NULL,
    event_type         text        NOT NULL,
    newest_ts          timestamptz NOT NULL,
    newest_received_at timestamptz NOT NULL,
    PRIMARY KEY (instrument_id, event_type)
);

-- Rows actually inserted per event type (duplicates excluded), maintained by the writer in the same transaction.
CREATE TABLE stored_rows (
    event_type text   PRIMARY KEY,
    rows       bigint NOT NULL
);
