package dev.tickguard.health;

import dev.tickguard.events.CheckResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a mode's reason: sentences a user understands, the root cause first and what to do,
 * never an enum or a Java class name. One place, so the badge, its tooltip, the log and the journal
 * (they all print {@code ModeChanged.reason}) say the same thing.
 *
 * <p>Order: what the user forced (they can undo it), then failing checks (a dead Ollama is the root
 * of everything after it), then LLM breakers, then step breakers (the symptoms), then latency.
 */
final class ModeReasons {
    private ModeReasons() {
    }

    /** A failing check's sentence: its detail, prefixed with its name unless the detail already starts with it. */
    static String check(CheckResult r) {
        String detail = r.detail() == null || r.detail().isBlank() ? "failing" : r.detail();
        return detail.toLowerCase(Locale.ROOT).startsWith(r.check().toLowerCase(Locale.ROOT)) ? detail
                : r.check() + ": " + detail;
    }

    /** The sentence for a breaker held open from the dashboard, the console or {@code --chaos}. */
    static String forcedOpen(String breaker) {
        return breaker + " is forced open by you: set it to Auto to recover";
    }

    /**
     * Sentences for breakers open by their own failures (HALF_OPEN counts as open: a trial is the same
     * cause, so the words do not flap): the LLM's first, then the steps' as one sentence.
     */
    static List<String> open(List<String> breakers) {
        List<String> out = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (String b : breakers) {
            if (b.startsWith("ollama:")) {
                String what = b.substring("ollama:".length());
                out.add("Ollama " + what + " calls keep failing: they go to fallbacks until a trial call succeeds");
            } else if (b.startsWith("step:")) {
                steps.add(b.substring("step:".length()));
            } else {
                others.add(b);
            }
        }
        if (steps.size() == 1) {
            out.add("step " + steps.get(0) + " keeps failing: it uses its fallback (its errors are on the timeline)");
        } else if (!steps.isEmpty()) {
            out.add(steps.size() + " steps keep failing: " + String.join(", ", steps)
                    + ": they use their fallbacks (their errors are on the timeline)");
        }
        if (!others.isEmpty()) {
            out.add("breaker" + (others.size() > 1 ? "s " : " ") + String.join(", ", others)
                    + (others.size() > 1 ? " are" : " is") + " open");
        }
        return out;
    }

    static String slow(long latencyMs, long limitMs) {
        return "the LLM is slow: its last answer took " + latencyMs + " ms, more than the " + limitMs + " ms limit";
    }

    static String unanswered(long waitedMs) {
        return "the LLM did not answer within " + waitedMs + " ms (a step's deadline)";
    }

    /** @param steps the critical steps that fell back, e.g. "goal_selection, action" (empty: not known) */
    static String criticalFallbacks(int ticks, String steps) {
        return "every critical step fell back for " + ticks + " ticks in a row"
                + (steps == null || steps.isEmpty() ? "" : " (" + steps + ")");
    }
}
