package io.basis.simulator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Simulator-wide one-shot frame mutations, each bound to a path prefix and a frame predicate. The first pending
 * mutation that matches a frame is removed and applied to it; a null result drops the frame. Thread-safe.
 */
final class Mutations {
    private record Mutation(String pathPrefix, Predicate<String> match, UnaryOperator<String> change) {
    }

    private final List<Mutation> pending = new ArrayList<>();

    synchronized void add(String pathPrefix, Predicate<String> match, UnaryOperator<String> change) {
        pending.add(new Mutation(pathPrefix, match, change));
    }

    /** The frame after the first matching mutation (removed), or the frame itself when none matches. */
    String apply(String path, String frame) {
        UnaryOperator<String> change = null;
        synchronized (this) {
            for (Iterator<Mutation> it = pending.iterator(); it.hasNext() && change == null; ) {
                Mutation mutation = it.next();
                if (path.startsWith(mutation.pathPrefix()) && mutation.match().test(frame)) {
                    it.remove();
                    change = mutation.change();
                }
            }
        }
        return change == null ? frame : change.apply(frame);
    }
}
