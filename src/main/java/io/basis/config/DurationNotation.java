package io.basis.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Basis duration notation in venue channel options: {@code 100ms}, {@code 1s}, {@code 5m}, {@code 1h}, {@code 1d}
 * (case and surrounding blanks ignored). Each method throws {@link IllegalArgumentException} "not a duration: …"
 * for anything else.
 */
public final class DurationNotation {

    private DurationNotation() {
    }

    /** A duration in Basis notation; a leading sign is allowed. */
    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new IllegalArgumentException("not a duration: " + text);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    /** Like {@link #parse}, but a minus sign is refused. */
    public static Duration parseNonNegative(String text) {
        if (text.trim().startsWith("-")) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        return parse(text);
    }
}
