package io.basis.ingest.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread-safe recording implementations of the runtime's callbacks, for tests. */
final class Recorders {
    private Recorders() {
    }

    record Frame(String text, Instant at) {
    }

    record Gap(String venue, String connection, Instant from, Instant to, String cause) {
    }

    record Tapped(FrameTap.Direction direction, String text, Instant at) {
    }

    static final class Handler implements FrameHandler {
        private final List<Frame> frames = new ArrayList<>();
        final AtomicInteger sessions = new AtomicInteger();

        @Override
        public synchronized void frame(String text, Instant receivedAt) {
            if (text.startsWith("throw")) {
                throw new IllegalArgumentException("cannot parse " + text);
            }
            frames.add(new Frame(text, receivedAt));
        }

        @Override
        public void sessionStarted(Instant firstFrameAt) {
            sessions.incrementAndGet();
        }

        synchronized List<Frame> frames() {
            return List.copyOf(frames);
        }

        synchronized List<String> texts() {
            return frames.stream().map(Frame::text).toList();
        }

        synchronized Frame find(String text) {
            return frames.stream().filter(f -> f.text.equals(text)).findFirst().orElseThrow();
        }
    }

    static final class Gaps implements GapSink {
        private final List<Gap> gaps = new ArrayList<>();

        @Override
        public synchronized void streamGap(String venue, String connection, Instant from, Instant to, String cause) {
            gaps.add(new Gap(venue, connection, from, to, cause));
        }

        synchronized List<Gap> all() {
            return List.copyOf(gaps);
        }
    }

    static final class Tap implements FrameTap {
        private final List<Tapped> frames = new ArrayList<>();

        @Override
        public synchronized void frame(String connectionUrl, Direction direction, String text, Instant at) {
            frames.add(new Tapped(direction, text, at));
        }

        synchronized List<Tapped> all() {
            return List.copyOf(frames);
        }

        synchronized List<Tapped> of(Direction direction) {
            return frames.stream().filter(f -> f.direction() == direction).toList();
        }
    }
}
