package io.basis.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time one thread used since this object was made (0 when the JVM cannot tell). */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long threadId;
    private final long start;
    private long last;

    private ThreadCpu(long threadId) {
        this.threadId = threadId;
        this.start = cpu();
        this.last = start;
    }

    static ThreadCpu current() {
        return new ThreadCpu(Thread.currentThread().threadId());
    }

    /** The live thread of that name (the newest when there are several). */
    static ThreadCpu of(String name) {
        long id = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .mapToLong(Thread::threadId).max().orElse(-1);
        return new ThreadCpu(id);
    }

    double seconds() {
        return Math.max(0, cpu() - start) / 1e9;
    }

    private long cpu() {
        if (threadId < 0 || !THREADS.isThreadCpuTimeSupported()) {
            return 0;
        }
        long t = THREADS.getThreadCpuTime(threadId);
        if (t >= 0) {
            last = t;
        }
        return t >= 0 ? t : last;
    }
}
