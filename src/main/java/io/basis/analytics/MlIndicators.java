package io.basis.analytics;

import org.springframework.stereotype.Component;

/**
 * The one place /health, /status and /metrics read ML-indicator figures from. Analytics does not compute indicators
 * yet, so both figures are 0; the analytics work replaces the bodies of these methods (and nothing else has to
 * change). Thread-safe.
 */
@Component
public class MlIndicators {

    /** Number of indicator kinds the service computes ({@code ml_indicators}). */
    public int configured() {
        return 0;
    }

    /** Indicator values computed since start-up ({@code ml_indicators_calculated}). */
    public long calculated() {
        return 0;
    }
}
