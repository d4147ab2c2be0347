package io.basis.config;

/**
 * A reason Basis cannot start that the user can fix (data directory in use, database not startable, a setting that
 * names something that does not exist). Reported by {@link StartupFailureAnalyzer} as description + action,
 * without a stack trace.
 */
public class StartupException extends RuntimeException {
    private final String action;

    public StartupException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public StartupException(String description, String action) {
        this(description, action, null);
    }

    public String action() {
        return action;
    }
}
