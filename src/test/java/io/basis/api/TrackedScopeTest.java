package io.basis.api;

import io.basis.config.VenuesConfig;
import io.basis.config.VenuesConfigLoader;
import io.basis.ingest.ConnectorsStarter;
import io.basis.ingest.VenueConnector;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class TrackedScopeTest {
    private static final VenuesConfig VENUES = VenuesConfigLoader.parse("""
            venues:
              binance-usdm:
                enabled: true
                rest-url: https://fapi.binance.com
                ws-url: wss://fstream.binance.com
                symbol-rule: { top: 20, kind: perpetual, quote: USDT, by: volume }
                channels: { trades: all }
              coinbase:
                enabled: true
                rest-url: https://api.coinbase.com
                ws-url: wss://advanced-trade-ws.coinbase.com
                symbols: [BTC-USD, ETH-USD]
                channels: { trades: all }
            """, Path.of("venues.yaml"), Map.of());

    @Test
    void aSymbolRuleCountsItsTopUntilTheConnectorResolvedItsSymbols() {
        TrackedScope withoutConnectors = new TrackedScope(VENUES,
                new StaticListableBeanFactory().getBeanProvider(ConnectorsStarter.class));
        assertThat(withoutConnectors.symbolsTracked()).isEqualTo(20 + 2);
        assertThat(withoutConnectors.liveSymbols("binance-usdm")).isEmpty();

        VenueConnector binance = mock(VenueConnector.class);
        when(binance.venue()).thenReturn("binance-usdm");
        when(binance.symbols()).thenReturn(List.of("BTCUSDT", "ETHUSDT", "SOLUSDT"));
        ConnectorsStarter starter = mock(ConnectorsStarter.class);
        when(starter.connectors()).thenReturn(List.of(binance));
        TrackedScope live = new TrackedScope(VENUES,
                new StaticListableBeanFactory(Map.of("starter", starter)).getBeanProvider(ConnectorsStarter.class));

        assertThat(live.liveSymbols("binance-usdm")).containsExactly("BTCUSDT", "ETHUSDT", "SOLUSDT");
        assertThat(live.symbolsTracked()).isEqualTo(3 + 2);
        assertThat(live.exchangesTracked()).isEqualTo(2);
    }
}
