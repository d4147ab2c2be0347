package io.basis.venue.deribit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeribitHistoryErrorsTest {

    @Test
    void theVenuesOwnTroubleIsRetriedLaterNotARefusal() {
        for (int code : new int[]{10028, 10040, 10041, 10047, 10066, 11051, 11094, 13028, 13888}) {
            assertThat(DeribitHistory.transientError(code)).as("code %d", code).isTrue();
        }
    }

    @Test
    void aBadInstrumentOrParameterIsARefusal() {
        assertThat(DeribitHistory.transientError(10020)).as("invalid_or_unsupported_instrument").isFalse();
        assertThat(DeribitHistory.transientError(-32602)).as("Invalid params").isFalse();
        assertThat(DeribitHistory.transientError(11029)).as("invalid_arguments").isFalse();
    }
}
