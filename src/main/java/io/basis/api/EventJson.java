package io.basis.api;

import io.basis.model.MarketEvent;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The API's JSON form of an event: the record's fields with snake_case names, decimals as JSON strings exactly as
 * stored (plain notation, scale kept: {@code 0.00100} stays {@code "0.00100"}, never through a double), instants
 * ISO-8601 UTC and durations ISO-8601 ({@code PT1M}). Kept apart from the application's mapper so that no global
 * setting changes the public format. Thread-safe.
 */
@Component
public class EventJson {
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    /** Writes a decimal as its plain string; JSON numbers would invite lossy double parsing by clients. */
    private static final class PlainDecimal extends ValueSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializationContext ctxt) {
            gen.writeString(value.toPlainString());
        }
    }

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule("basis-api-decimals").addSerializer(BigDecimal.class, new PlainDecimal()))
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    /**
     * The event as an ordered map of JSON values (strings, numbers, booleans, nulls, lists, maps), ready for any
     * JSON writer without further conversion of its decimals or instants.
     */
    public Map<String, Object> toJson(MarketEvent event) {
        return mapper.convertValue(event, OBJECT);
    }
}
