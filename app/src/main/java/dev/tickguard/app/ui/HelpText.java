package dev.tickguard.app.ui;

/** The words of Help and About: the shortcuts, what each colour and letter means, the version. */
final class HelpText {
    private HelpText() {
    }

    static final String HELP = """
            Keyboard
              Ctrl+R  run a tick now          Ctrl+P  pause / resume
              Ctrl+K  clear all chaos         Ctrl+1..7  the bottom tabs
              F1  this help                   arrows  move the selection on the timeline
              Enter  the selected step's result

            Mode badge
              NORMAL (green)     everything is healthy
              DEGRADED (amber)   something is unhealthy: ticks run, some steps use fallbacks; the badge says why
              RECOVERY (blue)    the cause cleared: NORMAL after a good tick or a few healthy checks
              EMERGENCY (red)    a critical resource fails: ticks are skipped until it recovers

            Timeline: one row per tick, newest on top; phase 1 steps one after another on the top lane,
            phase 2 steps one lane each below. Bar colours:
              green  success      amber  fallback      grey  skipped      red  failed
            Letters on a bar: where the fallback's result came from
              C  the step's custom fallback     K  the result cache     D  the safe default
              !  failed with no fallback result
            A hatched bar: the step ignored its deadline and its thread was abandoned.
            A bar is at least 10 px wide, so a step refused at once (0 ms) still shows.
            An orange rule between rows: chaos changed there.

            Breaker tiles: CLOSED (green) calls go through; OPEN (red) calls go to fallbacks until a
            trial; HALF_OPEN (amber) a trial call is allowed; "forced" means you set it (Auto undoes it).
            "% ok of N calls since closed": the share of the calls the breaker counted since it entered
            its present state that succeeded; "failures in a row" is what opens it.

            Latency tab: "calls/min (last 5 min)" counts every call the steps made, refused ones too;
            the chart's time axis ends at its newest call, whose time it gives.
            Status bar: the strip is the time spent in each mode since the time it gives (hover it for
            each mode's time); hover the status line for the window's own frame timing.
            """;

    static String about() {
        return "Tickguard " + AppVersion.get() + "\n\nRuns an LLM agent's heavy tick so that one failing step never breaks "
                + "the system, and shows it live.\nJava " + System.getProperty("java.version") + ", JavaFX "
                + System.getProperty("javafx.version", "?");
    }
}
