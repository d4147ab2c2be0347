package io.basis.store;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.basis.model.EventType;
import io.basis.model.MarketEvent;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.NamedType;

import java.util.Arrays;

/**
 * JSON form of events for the on-disk spool: one object per line with an {@code "@type"} tag (the
 * {@link EventType#id()}). Decimals are written as JSON numbers and read back as {@link java.math.BigDecimal}
 * with their scale intact. Thread-safe.
 */
public final class EventCodec {
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
    private abstract static class TypeTag {
    }

    private final JsonMapper mapper;

    public EventCodec() {
        mapper = JsonMapper.builder()
                .addMixIn(MarketEvent.class, TypeTag.class)
                .registerSubtypes(Arrays.stream(EventType.values())
                        .map(t -> new NamedType(t.recordType(), t.id())).toArray(NamedType[]::new))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
    }

    public String encode(MarketEvent event) {
        return mapper.writerFor(MarketEvent.class).writeValueAsString(event);
    }

    public MarketEvent decode(String line) {
        return mapper.readValue(line, MarketEvent.class);
    }
}
