package io.basis.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Heap use over one measured interval: the sum of the heap pools' peak usage (what the JVM actually held, garbage
 * included, an upper bound), the largest heap left after any collection (the live set), and GC counts and time.
 */
final class HeapMonitor implements AutoCloseable {
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final NotificationListener listener = (notification, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long after = 0;
            for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPoolNames.contains(e.getKey())) {
                    after += e.getValue().getUsed();
                }
            }
            maxAfterGc.accumulateAndGet(after, Math::max);
        }
    };
    private long gcCount0;
    private long gcMillis0;

    HeapMonitor() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
    }

    /** Collects garbage and starts a new interval. */
    void reset() {
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxAfterGc.set(currentUsed());
        gcCount0 = gcCount();
        gcMillis0 = gcMillis();
    }

    /** Sum of the heap pools' peaks since {@link #reset()}. */
    long peakUsed() {
        long sum = 0;
        for (MemoryPoolMXBean p : heapPools) {
            MemoryUsage u = p.getPeakUsage();
            if (u != null) {
                sum += u.getUsed();
            }
        }
        return sum;
    }

    /** The largest heap occupancy right after a collection since {@link #reset()}: the peak live set. */
    long peakLiveAfterGc() {
        return maxAfterGc.get();
    }

    long collections() {
        return gcCount() - gcCount0;
    }

    long gcMillis() {
        return totalGcMillis() - gcMillis0;
    }

    private long currentUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
    }

    private static long totalGcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
    }

    /** The -Xmx (or -XX:MaxHeapSize) given on the command line, or null. */
    static String xmxArgument() {
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-Xmx")) {
                return a.substring(4);
            }
            if (a.startsWith("-XX:MaxHeapSize=")) {
                return a.substring("-XX:MaxHeapSize=".length());
            }
        }
        return null;
    }

    static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    static String gcName() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining("/"));
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (javax.management.ListenerNotFoundException ignored) {
                    // never registered
                }
            }
        }
    }
}
