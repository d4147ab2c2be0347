package io.basis.simulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Java-WebSocket's debug and trace output out of plain unit tests, where Logback falls back to logging
 * everything at DEBUG. Only acts when Logback is the SLF4J backend.
 */
final class SimLogging {
    private SimLogging() {
    }

    static void quietLibraries() {
        if (LoggerFactory.getLogger("org.java_websocket") instanceof Logger logger && logger.getLevel() == null) {
            logger.setLevel(Level.WARN);
        }
    }
}
