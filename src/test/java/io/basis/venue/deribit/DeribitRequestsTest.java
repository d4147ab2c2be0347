package io.basis.venue.deribit;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeribitRequestsTest {

    static final Instant START = Instant.ofEpochMilli(1748390400000L);
    static final Instant END = Instant.ofEpochMilli(1748394000000L);

    @Test
    void bookSummary() {
        DeribitRequests.Request r = DeribitRequests.bookSummaryByCurrency("BTC", "option");
        assertThat(r.method()).isEqualTo("public/get_book_summary_by_currency");
        assertThat(r.cost()).isEqualTo(DeribitRequests.BOOK_SUMMARY_COST).isEqualTo(500);
        assertThat(r.path()).isEqualTo("/api/v2/public/get_book_summary_by_currency?currency=BTC&kind=option");
        assertThat(r.jsonRpc(7)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":"
                + "\"public/get_book_summary_by_currency\",\"params\":{\"currency\":\"BTC\",\"kind\":\"option\"}}");
    }

    @Test
    void fundingRateHistory() {
        DeribitRequests.Request r = DeribitRequests.fundingRateHistory("BTC-PERPETUAL", START, END);
        assertThat(r.cost()).isEqualTo(DeribitRequests.FUNDING_RATE_HISTORY_COST);
        assertThat(r.path()).isEqualTo("/api/v2/public/get_funding_rate_history?instrument_name=BTC-PERPETUAL"
                + "&start_timestamp=1748390400000&end_timestamp=1748394000000");
        assertThat(r.jsonRpc(1)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"public/get_funding_rate_history\",\"params\":{\"instrument_name\":\"BTC-PERPETUAL\","
                + "\"start_timestamp\":1748390400000,\"end_timestamp\":1748394000000}}");
    }

    @Test
    void chartData() {
        DeribitRequests.Request r = DeribitRequests.chartData("BTC-PERPETUAL", START, END, "1");
        assertThat(r.method()).isEqualTo("public/get_tradingview_chart_data");
        assertThat(r.cost()).isEqualTo(DeribitRequests.CHART_DATA_COST);
        assertThat(r.path()).isEqualTo("/api/v2/public/get_tradingview_chart_data?instrument_name=BTC-PERPETUAL"
                + "&start_timestamp=1748390400000&end_timestamp=1748394000000&resolution=1");
        assertThat(r.jsonRpc(2)).contains("\"resolution\":\"1\"", "\"start_timestamp\":1748390400000");
        assertThatThrownBy(() -> DeribitRequests.chartData("BTC-PERPETUAL", START, END, "7"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lastTrades() {
        DeribitRequests.Request r = DeribitRequests.lastTradesByInstrumentAndTime("BTC-PERPETUAL", START, END, 1000,
                true);
        assertThat(r.method()).isEqualTo("public/get_last_trades_by_instrument_and_time");
        assertThat(r.cost()).isEqualTo(DeribitRequests.LAST_TRADES_COST);
        assertThat(r.path()).isEqualTo("/api/v2/public/get_last_trades_by_instrument_and_time?instrument_name="
                + "BTC-PERPETUAL&start_timestamp=1748390400000&end_timestamp=1748394000000&count=1000&sorting=asc");
        assertThat(r.jsonRpc(3)).contains("\"count\":1000", "\"sorting\":\"asc\"");
        assertThat(DeribitRequests.lastTradesByInstrumentAndTime("BTC-PERPETUAL", START, END, 5, false).path())
                .endsWith("&count=5&sorting=desc");
        assertThatThrownBy(() -> DeribitRequests.lastTradesByInstrumentAndTime("BTC-PERPETUAL", START, END, 1001,
                true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeribitRequests.lastTradesByInstrumentAndTime("BTC-PERPETUAL", END, START, 10,
                true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void volatilityIndex() {
        DeribitRequests.Request r = DeribitRequests.volatilityIndexData("BTC", START, END, "60");
        assertThat(r.method()).isEqualTo("public/get_volatility_index_data");
        assertThat(r.cost()).isEqualTo(DeribitRequests.VOLATILITY_INDEX_COST);
        assertThat(r.path()).isEqualTo("/api/v2/public/get_volatility_index_data?currency=BTC"
                + "&start_timestamp=1748390400000&end_timestamp=1748394000000&resolution=60");
        assertThat(r.jsonRpc(4)).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":"
                + "\"public/get_volatility_index_data\",\"params\":{\"currency\":\"BTC\","
                + "\"start_timestamp\":1748390400000,\"end_timestamp\":1748394000000,\"resolution\":\"60\"}}");
    }

    @Test
    void pathValuesAreUrlEncoded() {
        assertThat(DeribitRequests.bookSummaryByCurrency("BTC", "option combo").path())
                .endsWith("kind=option+combo");
    }
}
