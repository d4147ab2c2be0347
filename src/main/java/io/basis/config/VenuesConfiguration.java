package io.basis.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * Exposes the validated {@link VenuesConfig}, read from {@code basis.venues-file} (environment
 * {@code BASIS_VENUES_FILE}, default {@code config/venues.yaml}) with {@code System.getenv()} overrides.
 *
 * <p>The default path may be absent - the packaged copy of the shipped file is used then - so a bare jar starts;
 * any other path is the user's explicit choice and must exist. An invalid file fails start-up with
 * {@link InvalidConfigException}, which {@link InvalidConfigFailureAnalyzer} turns into a readable report.
 */
@Configuration(proxyBeanMethods = false)
public class VenuesConfiguration {

    /** Property naming the venues file. */
    public static final String FILE_PROPERTY = "basis.venues-file";

    @Bean
    public VenuesConfig venuesConfig(Environment environment) {
        String configured = environment.getProperty(FILE_PROPERTY, "").trim();
        Path file = configured.isEmpty() ? VenuesConfigLoader.DEFAULT_FILE : Path.of(configured);
        // application.yaml sets the default explicitly, so "is it the default path" is the test, not "is it set".
        if (file.normalize().equals(VenuesConfigLoader.DEFAULT_FILE)) {
            return VenuesConfigLoader.loadDefault(file, System.getenv());
        }
        return VenuesConfigLoader.load(file, System.getenv());
    }
}
