package io.basis.ingest.history;

import io.basis.model.EventType;

import java.time.Instant;
import java.util.Objects;

/**
 * One fetch of a backfill job: a symbol's type over [from, to), and the ledger gap it fills (null for a manual
 * range). {@code lostReason}: the part of the gap before {@code from} the venue no longer serves (the gap then ends
 * unfillable with this reason, after what is served was fetched); null when the whole gap is fetched.
 */
record BackfillTask(String venue, String symbol, EventType type, Instant from, Instant to, Long gapId,
                    String lostReason) {
    BackfillTask {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(type, "type");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("range ends before it starts: " + from + " > " + to);
        }
    }
}
