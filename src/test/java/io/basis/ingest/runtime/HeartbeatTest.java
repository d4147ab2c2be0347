package io.basis.ingest.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatTest {
    private static final Duration S5 = Duration.ofSeconds(5);
    private static final Duration S20 = Duration.ofSeconds(20);

    @Test
    void noneNeverSends() {
        Heartbeat none = Heartbeat.none();
        assertThat(none.checkEvery()).isNull();
        assertThat(none.onOpen()).isEmpty();
        assertThat(none.replyTo("anything")).isNull();
        assertThat(none.consumes("pong")).isFalse();
    }

    @Test
    void periodicPingIgnoresTraffic() {
        Heartbeat bybit = Heartbeat.every(S20, "{\"op\":\"ping\"}", f -> f.contains("\"op\":\"ping\""));
        assertThat(bybit.due(Duration.ZERO, S20)).isEqualTo("{\"op\":\"ping\"}");
        assertThat(bybit.due(Duration.ZERO, S5)).isNull();
        assertThat(bybit.checkEvery()).isEqualTo(S5);
        assertThat(bybit.consumes("{\"success\":true,\"ret_msg\":\"pong\",\"op\":\"ping\"}")).isTrue();
    }

    @Test
    void idlePingWaitsForSilence() {
        Heartbeat okx = Heartbeat.whenIdle(S20, "ping", "pong"::equals);
        assertThat(okx.due(S5, Duration.ofMinutes(1))).isNull();
        assertThat(okx.due(S20, S20)).isEqualTo("ping");
        assertThat(okx.due(Duration.ofSeconds(30), S5)).as("a ping is already out").isNull();
        assertThat(okx.consumes("pong")).isTrue();
        assertThat(okx.consumes("{\"arg\":{}}")).isFalse();
    }

    @Test
    void testRequestsAreAnsweredAndConsumed() {
        Heartbeat deribit = Heartbeat.replyingTo(
                List.of("{\"method\":\"public/set_heartbeat\",\"params\":{\"interval\":30}}"),
                f -> f.contains("\"type\":\"test_request\""), f -> "{\"method\":\"public/test\"}");
        String testRequest = "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"test_request\"}}";
        String heartbeat = "{\"jsonrpc\":\"2.0\",\"method\":\"heartbeat\",\"params\":{\"type\":\"heartbeat\"}}";

        assertThat(deribit.onOpen()).hasSize(1);
        assertThat(deribit.replyTo(testRequest)).isEqualTo("{\"method\":\"public/test\"}");
        assertThat(deribit.consumes(testRequest)).isTrue();
        assertThat(deribit.replyTo(heartbeat)).isNull();
        assertThat(deribit.consumes(heartbeat)).isFalse();
        assertThat(deribit.checkEvery()).isNull();
    }
}
