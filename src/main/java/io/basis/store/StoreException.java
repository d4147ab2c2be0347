package io.basis.store;

import java.sql.SQLException;

/** A failed read; the API maps it to 503 when the database is unreachable. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public boolean unavailable() {
        return DatabaseFailures.isUnavailable(getCause());
    }
}
