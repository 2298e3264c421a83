package dev.hearth.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** "3 hours ago", as people read a date on a page; the exact time goes in a title beside it. */
final class Ago {
    private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Ago() {}

    static String since(Instant then, Instant now) {
        if (then == null) return "";
        long s = Math.max(0, Duration.between(then, now).toSeconds());
        if (s < 60) return "just now";
        if (s < 3600) return plural(s / 60, "minute");
        if (s < 86_400) return plural(s / 3600, "hour");
        if (s < 30 * 86_400L) return plural(s / 86_400, "day");
        if (s < 365 * 86_400L) return plural(s / (30 * 86_400L), "month");
        return plural(s / (365 * 86_400L), "year");
    }

    static String exact(Instant then) {
        return then == null ? "" : EXACT.format(then);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s") + " ago";
    }
}
