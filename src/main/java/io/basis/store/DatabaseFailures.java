package io.basis.store;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells "the database is unreachable" (spool and retry later) from "this data was refused" (isolate the row).
 */
public final class DatabaseFailures {
    private DatabaseFailures() {
    }

    public static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof SQLRecoverableException || c instanceof IOException) {
                return true;
            }
            if (c instanceof SQLException sql && sql.getSQLState() != null && unavailableState(sql.getSQLState())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    public static boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    /** 08: connection exception; 57P0x: server shutting down / starting; 53: out of resources (disk full). */
    private static boolean unavailableState(String state) {
        return state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }
}
