package io.basis.config;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Shared helpers: fixtures live in src/test/resources/config and are read as files (paths as a user would give). */
final class Fixtures {

    static final Path SHIPPED = Path.of("config", "venues.yaml");

    private Fixtures() {
    }

    static Path fixture(String name) {
        return Path.of("src", "test", "resources", "config", name);
    }

    static VenuesConfig load(String name) {
        return VenuesConfigLoader.load(fixture(name), Map.of());
    }

    static InvalidConfigException failure(String name) {
        return failure(name, Map.of());
    }

    static InvalidConfigException failure(String name, Map<String, String> env) {
        return failure(() -> VenuesConfigLoader.load(fixture(name), env));
    }

    static InvalidConfigException failure(ThrowingCallable call) {
        InvalidConfigException e = catchThrowableOfType(InvalidConfigException.class, call);
        if (e == null) {
            throw new AssertionError("expected an InvalidConfigException");
        }
        return e;
    }

    /** The "file:line: key" prefix every message starts with. */
    static String at(String name, int line, String key) {
        return fixture(name) + ":" + line + ": " + key + ": ";
    }
}
