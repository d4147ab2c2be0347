package io.basis.ingest.history;

import io.basis.ingest.runtime.RateBudget;
import io.basis.model.EventType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the automatic backfill does with one open gap of one type: the rules, pure (time passed in).
 * <ol>
 *   <li>a type no venue serves history of (order books, option quotes, mark and index prices) is {@code IGNORED};
 *       a type this venue has no history endpoint for is {@code UNFILLABLE};</li>
 *   <li>a gap still ending in the future waits until it has ended;</li>
 *   <li>entirely older than the venue's window: {@code UNFILLABLE} naming the window, whatever its length (a manual
 *       backfill could not get it either);</li>
 *   <li>its served part longer than {@code max-gap}: left open for a manual backfill ({@code MANUAL}, the reason
 *       saying so);</li>
 *   <li>shorter than {@code min-gap}: fetched only when the type is in {@code cheap-types} and the venue marks it
 *       cheap, else left open for a manual backfill ({@code MANUAL});</li>
 *   <li>otherwise {@code FETCH}: the whole range, or when partly older than the window the served part, the gap
 *       then ending {@code unfillable} with a reason naming the lost part.</li>
 * </ol>
 * The maximum bounds the work, so it applies to what would be fetched: a long gap mostly beyond the window is
 * fetched automatically for its served part rather than left open for a manual backfill, which could not close it
 * (a manual job fills only the gaps lying entirely in what it fetched).
 */
public final class BackfillRules {
    /** Types whose history no venue serves: their gaps are listed, never backfilled. */
    static final Set<EventType> NEVER_SERVED = Set.of(EventType.BOOK_SNAPSHOT, EventType.OPTION_TICKER,
            EventType.MARK_PRICE, EventType.INDEX_PRICE, EventType.INSTRUMENT);

    public enum Kind { FETCH, WAIT, MANUAL, UNFILLABLE, IGNORED }

    /**
     * @param from         start of the range to fetch (FETCH), else the gap's start
     * @param lostReason   FETCH of a clipped range: why the part before {@code from} stays missing; else null
     * @param reason       why not FETCH (null for FETCH); for MANUAL the reason the open gap is annotated with
     */
    public record Decision(Kind kind, Instant from, Instant to, String lostReason, String reason) {
        static Decision of(Kind kind, Instant from, Instant to, String reason) {
            return new Decision(kind, from, to, null, reason);
        }
    }

    private BackfillRules() {
    }

    /** The decision for a gap [from, to) of {@code type} on {@code venue}, coverage null when not served. */
    public static Decision decide(String venue, EventType type, Instant from, Instant to,
                                  HistorySource.Coverage coverage, Instant now, BackfillProperties props) {
        if (coverage == null) {
            return NEVER_SERVED.contains(type)
                    ? Decision.of(Kind.IGNORED, from, to, "no venue serves history of " + type.id())
                    : Decision.of(Kind.UNFILLABLE, from, to, venue + " serves no history of " + type.id());
        }
        if (to.isAfter(now)) {
            return Decision.of(Kind.WAIT, from, to, "gap has not ended yet");
        }
        Decision served = clip(venue, type, from, to, coverage, now);
        if (served.kind() != Kind.FETCH) {
            return served;
        }
        if (Duration.between(served.from(), to).compareTo(props.maxGap()) > 0) {
            return Decision.of(Kind.MANUAL, from, to, "longer than the " + hours(props.maxGap())
                    + " automatic maximum; run POST /backfill/{hours} or basis backfill");
        }
        if (Duration.between(from, to).compareTo(props.minGap()) < 0 && !(coverage.cheap() && props.cheap(type))) {
            return Decision.of(Kind.MANUAL, from, to, "shorter than the " + hours(props.minGap())
                    + " automatic minimum for " + type.id() + "; backfill manually");
        }
        return served;
    }

    /** FETCH of the part the venue still serves, or UNFILLABLE when it serves none of it (manual jobs too). */
    public static Decision clip(String venue, EventType type, Instant from, Instant to,
                                HistorySource.Coverage coverage, Instant now) {
        Instant servedFrom = coverage.servedFrom(now);
        if (!from.isBefore(servedFrom)) {
            return new Decision(Kind.FETCH, from, to, null, null);
        }
        String window = venue + " serves " + type.id() + " (" + coverage.source() + ") only for the last "
                + describe(coverage.window());
        if (!to.isAfter(servedFrom)) {
            return Decision.of(Kind.UNFILLABLE, from, to, "older than the history window: " + window);
        }
        return new Decision(Kind.FETCH, servedFrom, to, "before " + servedFrom + " no longer served: " + window,
                null);
    }

    /**
     * The share of each venue budget backfill may use (at least 1 weight per window, so a request always fits
     * eventually).
     */
    public static Map<String, RateBudget> share(Map<String, RateBudget> budgets, double share) {
        Map<String, RateBudget> out = new LinkedHashMap<>();
        budgets.forEach((bucket, b) -> out.put(bucket, new RateBudget(Math.max(1,
                (int) Math.floor(b.limit() * share)), b.window())));
        return out;
    }

    /** Delay before the n-th retry (0-based) of a failed gap: {@code first} doubling, capped. */
    public static Duration retryDelay(int failures, Duration first, Duration max) {
        Duration d = first.multipliedBy(1L << Math.min(Math.max(failures, 0), 30));
        return d.compareTo(max) > 0 ? max : d;
    }

    /** "48 h", "90 min". */
    static String hours(Duration d) {
        return d.equals(Duration.ofHours(d.toHours())) ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    static String describe(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + " days";
        }
        return d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
