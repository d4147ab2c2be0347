package io.basis.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The document served at {@code /openapi.json} (Swagger UI at {@code /docs}). */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI basisOpenApi() {
        return new OpenAPI().info(new Info().title("Basis API").version("v1")
                .description("Self-hosted crypto derivatives market data: service health and status, and the stored "
                        + "events (trades, funding rates, open interest, ...). Errors are RFC 9457 "
                        + "application/problem+json; invalid inputs are named in the \"parameter\" property."));
    }

    /** Lists the event type ids as the enum of {type}, from {@link io.basis.model.EventType} so it cannot drift. */
    @Bean
    OpenApiCustomizer eventTypeEnum() {
        return api -> {
            PathItem item = api.getPaths() == null ? null : api.getPaths().get("/api/v1/events/{type}");
            if (item == null || item.getGet() == null || item.getGet().getParameters() == null) {
                return;
            }
            item.getGet().getParameters().stream().filter(p -> "type".equals(p.getName())).forEach(p -> {
                StringSchema schema = new StringSchema();
                EventsController.TYPES.forEach(schema::addEnumItem);
                p.setSchema(schema);
            });
        };
    }
}
