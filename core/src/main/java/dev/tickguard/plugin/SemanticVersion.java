package dev.tickguard.plugin;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code major.minor.patch} version, as plugins write it in their manifest. Missing parts are 0;
 * anything after the numbers ({@code -SNAPSHOT}, {@code +build}) is kept for display and sorts
 * below the same numbers without it, as semantic versioning says.
 */
record SemanticVersion(int major, int minor, int patch, String suffix) implements Comparable<SemanticVersion> {
    /** The version of a plugin that does not say: below every real version. */
    static final SemanticVersion NONE = new SemanticVersion(-1, 0, 0, "");

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9}))?(?:\\.(\\d{1,9}))?([-+].*)?");
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor).thenComparingInt(SemanticVersion::patch)
            .thenComparing(v -> v.suffix().isEmpty() ? 1 : 0).thenComparing(SemanticVersion::suffix);

    /**
     * @throws IllegalArgumentException if the text does not start with a number
     */
    static SemanticVersion parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version like 1.2.0");
        }
        return new SemanticVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) == null ? "" : m.group(4));
    }

    @Override
    public int compareTo(SemanticVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return this == NONE || major < 0 ? "unversioned" : major + "." + minor + "." + patch + suffix;
    }
}
