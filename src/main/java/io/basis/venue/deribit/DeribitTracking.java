package io.basis.venue.deribit;

import io.basis.model.Instrument;
import io.basis.model.InstrumentKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Which Deribit instruments the connector follows, recomputed from {@code public/get_instruments} and the option
 * book summary. Pure. Every live future and perpetual of a configured currency is tracked; options are the
 * {@code top} of each currency by open interest ({@link DeribitBookSummary#BY_OPEN_INTEREST}); an instrument whose
 * {@code expiration_timestamp} has passed is never tracked, so expired listings drop out at the next refresh and new
 * listings come in without a restart.
 */
public final class DeribitTracking {

    /**
     * The tracked instruments (venue names, sorted).
     *
     * @param currencies the configured currencies (upper case), for the index channels
     */
    public record Tracked(SortedSet<String> options, SortedSet<String> futures, SortedSet<String> perpetuals,
                          List<String> currencies) {
        public static final Tracked EMPTY = new Tracked(new TreeSet<>(), new TreeSet<>(), new TreeSet<>(), List.of());

        public Tracked {
            options = unmodifiable(options);
            futures = unmodifiable(futures);
            perpetuals = unmodifiable(perpetuals);
            currencies = List.copyOf(currencies);
        }

        /** Options, futures and perpetuals, sorted. */
        public SortedSet<String> all() {
            TreeSet<String> all = new TreeSet<>(options);
            all.addAll(futures);
            all.addAll(perpetuals);
            return Collections.unmodifiableSortedSet(all);
        }

        /** Futures and perpetuals, sorted. */
        public SortedSet<String> nonOptions() {
            TreeSet<String> all = new TreeSet<>(futures);
            all.addAll(perpetuals);
            return Collections.unmodifiableSortedSet(all);
        }

        public boolean contains(String instrument) {
            return options.contains(instrument) || futures.contains(instrument) || perpetuals.contains(instrument);
        }

        private static SortedSet<String> unmodifiable(Collection<String> s) {
            return Collections.unmodifiableSortedSet(new TreeSet<>(s));
        }
    }

    /** What changed between two tracked sets: instruments to subscribe and to unsubscribe. */
    public record Diff(SortedSet<String> added, SortedSet<String> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private DeribitTracking() {
    }

    /**
     * A fresh selection.
     *
     * @param instruments     listed instruments of the configured currencies (any kind; combos and spot ignored)
     * @param optionSummaries {@code get_book_summary_by_currency?kind=option} by configured currency
     * @param now             instruments expiring at or before this are dropped
     * @param top             options kept per currency
     */
    public static Tracked select(List<String> currencies, Collection<Instrument> instruments,
                                 Map<String, List<DeribitBookSummary>> optionSummaries, Instant now, int top) {
        Map<String, Instrument> live = live(instruments, now);
        TreeSet<String> options = new TreeSet<>();
        for (String currency : currencies) {
            List<DeribitBookSummary> candidates = optionSummaries.getOrDefault(currency, List.of()).stream()
                    .filter(s -> isOption(live.get(s.instrumentName())))
                    .toList();
            DeribitBookSummary.topByOpenInterest(candidates, top)
                    .forEach(s -> options.add(s.instrumentName()));
        }
        return new Tracked(options, names(live, InstrumentKind.FUTURE), names(live, InstrumentKind.PERPETUAL),
                currencies);
    }

    /**
     * Between top-N recomputes: the previous options that are still listed and not expired, every live future and
     * perpetual (new listings included).
     */
    public static Tracked refresh(Tracked previous, Collection<Instrument> instruments, Instant now) {
        Map<String, Instrument> live = live(instruments, now);
        TreeSet<String> options = previous.options().stream()
                .filter(o -> live.containsKey(o) && live.get(o).kind() == InstrumentKind.OPTION)
                .collect(Collectors.toCollection(TreeSet::new));
        return new Tracked(options, names(live, InstrumentKind.FUTURE), names(live, InstrumentKind.PERPETUAL),
                previous.currencies());
    }

    /** Instruments of {@code now} not yet in {@code before} (added) and those of {@code before} gone (removed). */
    public static Diff diff(Tracked before, Tracked now) {
        SortedSet<String> b = before.all();
        SortedSet<String> n = now.all();
        return new Diff(minus(n, b::contains), minus(b, n::contains));
    }

    /** True when the instrument's expiry is at or before {@code now}. */
    public static boolean expired(Instrument i, Instant now) {
        return i.expiry() != null && !i.expiry().isAfter(now);
    }

    private static Map<String, Instrument> live(Collection<Instrument> instruments, Instant now) {
        return instruments.stream().filter(i -> !expired(i, now))
                .collect(Collectors.toMap(Instrument::symbol, i -> i, (a, b) -> b));
    }

    private static boolean isOption(Instrument i) {
        return i != null && i.kind() == InstrumentKind.OPTION;
    }

    private static TreeSet<String> names(Map<String, Instrument> live, InstrumentKind kind) {
        return live.values().stream().filter(i -> i.kind() == kind).map(Instrument::symbol)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static SortedSet<String> minus(Set<String> from, Predicate<String> drop) {
        List<String> kept = new ArrayList<>();
        for (String s : from) {
            if (!drop.test(s)) {
                kept.add(s);
            }
        }
        return Collections.unmodifiableSortedSet(new TreeSet<>(kept));
    }
}
