package dev.tickguard.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A point in time on the command line: an instant, a local date or date-time, or a span ago. */
final class TimeArgument {
    static final String FORMS = "2026-12-06T10:00:00Z, 2026-12-06T10:00 or 2026-12-06 (local time), or a span ago: "
            + "90s, 30m, 2h, 7d";
    private static final Pattern AGO = Pattern.compile("(\\d{1,9})([smhd])");

    private TimeArgument() {
    }

    static Instant parse(String option, String v, Instant now) throws UsageException {
        Matcher m = AGO.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            // try the local forms
        }
        ZoneId zone = ZoneId.systemDefault();
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeParseException notDateTime) {
            // try a date
        }
        try {
            return LocalDate.parse(v).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new UsageException(option + ": '" + v + "' is not a time; use " + FORMS);
        }
    }
}
