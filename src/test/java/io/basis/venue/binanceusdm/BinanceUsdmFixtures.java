package io.basis.venue.binanceusdm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the venue's recorded payloads from {@code src/test/resources/venues/binance-usdm/{ws,rest}/}. */
final class BinanceUsdmFixtures {

    private BinanceUsdmFixtures() {
    }

    static byte[] ws(String name) {
        return load("ws/" + name + ".json");
    }

    static byte[] rest(String name) {
        return load("rest/" + name + ".json");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] load(String path) {
        String resource = "/venues/binance-usdm/" + path;
        try (InputStream in = BinanceUsdmFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
