package io.basis.store;

import io.basis.model.MarketEvent;
import io.basis.model.Trade;
import io.basis.support.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventCodecTest {
    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeSurvivesTheSpoolFormatExactly() {
        for (MarketEvent e : Fixtures.oneOfEach()) {
            String line = codec.encode(e);
            assertThat(line).doesNotContain("\n").contains("\"@type\":\"" + e.type().id() + "\"");
            assertThat(codec.decode(line)).isEqualTo(e);
        }
    }

    @Test
    void decimalScaleIsKept() {
        Trade t = Fixtures.trade("BTCUSDT", "1", Fixtures.T0);
        Trade back = (Trade) codec.decode(codec.encode(t));
        assertThat(back.amount().toPlainString()).isEqualTo("0.00100");
        assertThat(back.notional().toPlainString()).isEqualTo("67.12340000");
    }
}
