package io.basis.store;

import io.basis.model.FundingRate;
import io.basis.support.DatabaseTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the coverage endpoint reads about stored streams. */
class CoverageQueriesIT extends DatabaseTestSupport {
    private static final String V = "coverage-venue";
    private static final Instant T = Instant.parse("2026-11-20T00:00:00Z");

    @Autowired CoverageQueries coverage;

    @BeforeEach
    void clean() {
        emptyDatabase();
    }

    @Test
    void theFundingIntervalIsTheNewestStoredOneNotTheLiveEstimatesNone() throws Exception {
        List<FundingRate> rows = new ArrayList<>();
        for (long h = -24; h <= 0; h += 4) {   // settled history of a 4-hour symbol
            Instant t = T.plus(Duration.ofHours(h));
            rows.add(new FundingRate(V, "FOURHOUR", t, t, t, BigDecimal.ONE, null, Duration.ofHours(4)));
        }
        Instant next = T.plus(Duration.ofHours(4));   // the live estimate of the coming period: no interval
        rows.add(new FundingRate(V, "FOURHOUR", T.plusSeconds(60), T.plusSeconds(60), next, BigDecimal.TWO, null,
                null));
        store(rows);

        assertThat(coverage.collected(T.minus(Duration.ofDays(1))))
                .filteredOn(c -> c.symbol().equals("FOURHOUR"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.newest()).isEqualTo(T.plusSeconds(60));
                    assertThat(c.fundingIntervalSeconds()).isEqualTo(4 * 3600);
                });
    }
}
