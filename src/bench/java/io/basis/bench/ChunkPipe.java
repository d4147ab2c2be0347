package io.basis.bench;

import io.basis.model.MarketEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Runs an event source on its own thread, a few chunks ahead of the consumer, so generating events and COPYing them
 * overlap on two cores. The observer sees every event on the generator thread, in order. A failure of the source is
 * rethrown to the consumer.
 */
final class ChunkPipe implements AutoCloseable {
    private static final List<MarketEvent> END = Collections.emptyList();

    private final int chunk;
    private final Iterator<? extends MarketEvent> source;
    private final Consumer<MarketEvent> observer;
    private final BlockingQueue<List<MarketEvent>> queue = new ArrayBlockingQueue<>(3);
    private volatile Throwable failure;
    private volatile boolean closed;
    private Thread thread;

    ChunkPipe(int chunk, Iterator<? extends MarketEvent> source, Consumer<MarketEvent> observer) {
        this.chunk = chunk;
        this.source = source;
        this.observer = observer;
    }

    /** Starts the generator thread; the returned iterator yields the events in the source's order. */
    Iterator<MarketEvent> start() {
        thread = Thread.ofPlatform().name("bench-generator").daemon().start(this::produce);
        return new Iterator<>() {
            private List<MarketEvent> current = List.of();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == current.size()) {
                    if (current == END) {
                        return false;
                    }
                    try {
                        current = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for events", e);
                    }
                    next = 0;
                    if (current == END && failure != null) {
                        throw new IllegalStateException("the event generator failed: " + failure, failure);
                    }
                }
                return true;
            }

            @Override
            public MarketEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(next++);
            }
        };
    }

    private void produce() {
        try {
            List<MarketEvent> out = new ArrayList<>(chunk);
            while (source.hasNext() && !closed) {
                MarketEvent e = source.next();
                observer.accept(e);
                out.add(e);
                if (out.size() == chunk) {
                    queue.put(out);
                    out = new ArrayList<>(chunk);
                }
            }
            if (!out.isEmpty()) {
                queue.put(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
        } finally {
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the generator (if the consumer gave up early) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        closed = true;
        if (thread != null) {
            queue.clear();
            thread.interrupt();
            thread.join();
        }
    }
}
