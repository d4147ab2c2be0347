package io.basis.venue.deribit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the venue's payloads from {@code src/test/resources/venues/deribit/{ws,rest}/}. */
final class DeribitFixtures {

    private DeribitFixtures() {
    }

    static byte[] ws(String name) {
        return load("ws/" + name + ".json");
    }

    static byte[] rest(String name) {
        return load("rest/" + name + ".json");
    }

    private static byte[] load(String path) {
        String resource = "/venues/deribit/" + path;
        try (InputStream in = DeribitFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
