package io.basis.api;

import io.basis.store.CoverageQueries;
import io.basis.store.MarketQueries;
import io.basis.store.PartitionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** Wires the store reads of the market endpoints (options, volatility index, funding, open interest, coverage). */
@Configuration(proxyBeanMethods = false)
public class MarketApiConfiguration {

    @Bean
    MarketQueries marketQueries(DataSource dataSource, PartitionManager migratedAndPartitioned) {
        return new MarketQueries(dataSource);
    }

    @Bean
    CoverageQueries coverageQueries(DataSource dataSource, PartitionManager migratedAndPartitioned) {
        return new CoverageQueries(dataSource);
    }
}
