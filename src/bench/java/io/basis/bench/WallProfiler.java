package io.basis.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --profile}: a wall-clock sampler for one thread. Every millisecond it takes the thread's stack and files
 * the sample under the innermost Basis method on it and under what the thread was doing there: waiting for
 * PostgreSQL (blocked in a socket read), waiting for the queue, or running Java. The result says where a phase's
 * wall time went, which CPU profiles cannot (most of it is spent waiting for the database).
 */
final class WallProfiler implements AutoCloseable {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long threadId;
    private final Map<String, long[]> samples = new HashMap<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private long total;

    private WallProfiler(long threadId) {
        this.threadId = threadId;
        this.sampler = Thread.ofPlatform().daemon().name("bench-profiler").unstarted(this::run);
        sampler.setPriority(Thread.MAX_PRIORITY);
        sampler.start();
    }

    static WallProfiler of(String threadName) {
        long id = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(threadName) && t.isAlive())
                .mapToLong(Thread::threadId).max().orElse(-1);
        return new WallProfiler(id);
    }

    static WallProfiler of(Thread thread) {
        return new WallProfiler(thread.threadId());
    }

    private void run() {
        while (running) {
            ThreadInfo info = threadId < 0 ? null : THREADS.getThreadInfo(threadId, 64);
            if (info != null) {
                record(info.getStackTrace());
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void record(StackTraceElement[] stack) {
        if (stack.length == 0) {
            return;
        }
        String where = "(outside Basis)";
        for (StackTraceElement f : stack) {
            if (f.getClassName().startsWith("io.basis.")) {
                String cls = f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1);
                if (cls.contains("$$Lambda")) {
                    continue;
                }
                where = cls + "." + f.getMethodName();
                break;
            }
        }
        int state = 2;                                         // running Java
        for (int i = 0; i < Math.min(stack.length, 24); i++) {
            String c = stack[i].getClassName();
            if (c.startsWith("sun.nio.ch.") || c.startsWith("java.net.") || c.equals("org.postgresql.core.PGStream")
                    && stack[i].getMethodName().startsWith("receive")) {
                state = 0;                                     // waiting for PostgreSQL
                break;
            }
            if (c.startsWith("java.util.concurrent.") && (stack[i].getMethodName().equals("poll")
                    || stack[i].getMethodName().equals("put") || stack[i].getMethodName().equals("take"))) {
                state = 1;                                     // waiting for the queue
                break;
            }
            if (c.startsWith("java.util.concurrent.locks.") || stack[i].getMethodName().equals("park")) {
                state = 1;
                break;
            }
        }
        samples.computeIfAbsent(where, k -> new long[3])[state]++;
        total++;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prints the share of wall time per method and state, scaled to the phase's wall seconds. */
    synchronized void print(String title, double wallSeconds) {
        if (total == 0) {
            System.out.printf(Locale.ROOT, "profile  : %s — no samples%n", title);
            return;
        }
        long[] sum = new long[3];
        samples.values().forEach(v -> {
            for (int i = 0; i < 3; i++) {
                sum[i] += v[i];
            }
        });
        double perSample = wallSeconds / total;
        System.out.printf(Locale.ROOT, "profile  : %s — %,d wall-clock samples over %.2f s: PostgreSQL %.0f%%, "
                        + "Java %.0f%%, queue/locks %.0f%%%n", title, total, wallSeconds, 100.0 * sum[0] / total,
                100.0 * sum[2] / total, 100.0 * sum[1] / total);
        System.out.printf(Locale.ROOT, "           %-44s %8s %8s %8s%n", "innermost Basis method", "PG s", "Java s",
                "wait s");
        samples.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0]
                        + e.getValue()[1] + e.getValue()[2])))
                .limit(16)
                .forEach(e -> System.out.printf(Locale.ROOT, "           %-44s %8.3f %8.3f %8.3f%n", e.getKey(),
                        e.getValue()[0] * perSample, e.getValue()[2] * perSample, e.getValue()[1] * perSample));
    }
}
