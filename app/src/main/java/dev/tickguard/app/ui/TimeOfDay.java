package dev.tickguard.app.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A moment as the window words it: a time of day, with the date too once it was not today ("Dec 6 14:03"). */
final class TimeOfDay {
    static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ROOT);

    private TimeOfDay() {
    }

    /** {@code at} in {@code zone} as {@code time} formats it, preceded by the day unless it is {@code now}'s. */
    static String of(Instant at, Instant now, ZoneId zone, DateTimeFormatter time) {
        ZonedDateTime z = at.atZone(zone);
        return z.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? time.format(z) : DAY.format(z) + " " + time.format(z);
    }
}
