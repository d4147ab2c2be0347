package io.basis.store;

import io.basis.model.MarketEvent;
import io.basis.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolTest {
    @TempDir Path dir;
    private final EventCodec codec = new EventCodec();

    @Test
    void drainsSegmentsOldestFirstAndCountsTheBacklog() throws Exception {
        try (Spool spool = new Spool(dir, 4, codec)) {
            assertThat(spool.isEmpty()).isTrue();
            spool.append(trades(0, 10));
            assertThat(spool.backlogEvents()).isEqualTo(10);
            assertThat(spool.segments()).isEqualTo(3);

            List<String> drained = new ArrayList<>();
            for (Spool.Segment s = spool.oldest(); s != null; s = spool.oldest()) {
                s.events().forEach(e -> drained.add(((io.basis.model.Trade) e).tradeId()));
                spool.remove(s);
            }
            assertThat(drained).containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "t" + i).toList());
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.backlogBytes()).isZero();
        }
    }

    @Test
    void aNewSpoolAdoptsSegmentsLeftByAnEarlierRunAndSkipsATornLastLine() throws Exception {
        try (Spool spool = new Spool(dir, 100, codec)) {
            spool.append(trades(0, 5));
        }
        Path segment;
        try (var files = Files.list(dir)) {
            segment = files.findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"@type\":\"trade\",\"venue\":\"x", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (Spool reopened = new Spool(dir, 100, codec)) {
            assertThat(reopened.backlogEvents()).isEqualTo(6);
            reopened.append(trades(5, 7));
            Spool.Segment first = reopened.oldest();
            assertThat(first.events()).hasSize(5);
            assertThat(reopened.tornLines()).isEqualTo(1);
            reopened.remove(first);
            Spool.Segment second = reopened.oldest();
            assertThat(second.events()).hasSize(2);
            reopened.remove(second);
            assertThat(reopened.isEmpty()).isTrue();
            assertThat(reopened.oldest()).isNull();
        }
    }

    private static List<MarketEvent> trades(int from, int to) {
        return IntStream.range(from, to).<MarketEvent>mapToObj(i -> Fixtures.trade("BTCUSDT", "t" + i, Fixtures.at(i)))
                .toList();
    }
}
