package io.basis.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link StartupException} as Spring Boot's "APPLICATION FAILED TO START" report. */
public class StartupFailureAnalyzer extends AbstractFailureAnalyzer<StartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupException cause) {
        String description = cause.getMessage();
        if (cause.getCause() != null && cause.getCause().getMessage() != null) {
            description += "\n\nCause: " + cause.getCause().getMessage();
        }
        return new FailureAnalysis(description, cause.action(), cause);
    }
}
