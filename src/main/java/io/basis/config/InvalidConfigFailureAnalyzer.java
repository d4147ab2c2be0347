package io.basis.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link InvalidConfigException} anywhere in a start-up failure's cause chain into Spring Boot's
 * "APPLICATION FAILED TO START" report: the problem list as description and what to do as action, instead of a
 * stack trace. Registered in {@code META-INF/spring.factories}.
 */
public class InvalidConfigFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigException cause) {
        int count = cause.problems().size();
        String description = "Invalid configuration in " + cause.file() + " (" + count
                + (count == 1 ? " problem" : " problems") + "):\n\n" + cause.getMessage();
        String action = "Fix each listed entry (file:line: key: problem) and start again. The header of "
                + "config/venues.yaml explains every key. Problems that name a BASIS_VENUES_* environment variable "
                + "come from that variable: correct or unset it. To use a different file, set basis.venues-file "
                + "(environment: BASIS_VENUES_FILE).";
        return new FailureAnalysis(description, action, cause);
    }
}
