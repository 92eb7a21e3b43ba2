package dev.tickguard.app;

/** RFC 4180 fields: quoted when they hold a comma, a quote or a line break; quotes doubled. */
final class Csv {
    private Csv() {
    }

    static String field(String v) {
        if (v == null) {
            return "";
        }
        if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
            return v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }
}
