package io.basis.config;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import java.nio.file.Path;

import static io.basis.config.Fixtures.failure;
import static io.basis.config.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Spring wiring: the bean, and the start-up report for an invalid file. No application context beyond one class. */
class VenuesConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(VenuesConfiguration.class);

    @Test
    void exposesTheConfiguredFile() {
        runner.withPropertyValues("basis.venues-file=" + fixture("valid.yaml")).run(context -> {
            assertThat(context).hasSingleBean(VenuesConfig.class);
            assertThat(context.getBean(VenuesConfig.class).source()).isEqualTo(fixture("valid.yaml"));
        });
    }

    @Test
    void defaultsToConfigVenuesYaml() {
        runner.withPropertyValues("basis.venues-file=./config/venues.yaml").run(context ->
                assertThat(context.getBean(VenuesConfig.class).source()).isEqualTo(Path.of("./config/venues.yaml")));
        runner.run(context -> assertThat(context.getBean(VenuesConfig.class).source())
                .isEqualTo(VenuesConfigLoader.DEFAULT_FILE));
    }

    @Test
    void explicitlyChosenFileMustExist() {
        runner.withPropertyValues("basis.venues-file=" + fixture("nope.yaml")).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().isInstanceOf(InvalidConfigException.class)
                        .hasMessageStartingWith(fixture("nope.yaml") + ": file not found"));
    }

    @Test
    void invalidFileFailsStartUp() {
        runner.withPropertyValues("basis.venues-file=" + fixture("bad-top.yaml")).run(context ->
                assertThat(context).hasFailed().getFailure().rootCause().isInstanceOf(InvalidConfigException.class));
    }

    @Test
    void failureAnalysisShowsEveryProblemAndAnAction() {
        InvalidConfigException cause = failure("many-problems.yaml");

        FailureAnalysis analysis = new InvalidConfigFailureAnalyzer()
                .analyze(new BeanCreationException("venuesConfig", "Failed to instantiate", cause));

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription())
                .startsWith("Invalid configuration in " + fixture("many-problems.yaml") + " (14 problems):")
                .contains(cause.getMessage());
        assertThat(analysis.getAction()).contains("BASIS_VENUES_").contains("basis.venues-file");
    }

    @Test
    void analyzerIsRegistered() {
        // Other analyzers need constructor arguments only a running application supplies; skip them here.
        SpringFactoriesLoader.FailureHandler skipOthers = SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { });

        assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(FailureAnalyzer.class, skipOthers))
                .hasAtLeastOneElementOfType(InvalidConfigFailureAnalyzer.class);
    }
}
