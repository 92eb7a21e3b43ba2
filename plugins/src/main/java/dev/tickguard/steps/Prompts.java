package dev.tickguard.steps;

import dev.tickguard.spi.StepContext;

/** Pieces of context that several phase-2 prompts share. */
final class Prompts {
    private Prompts() {
    }

    static String thought(StepContext ctx) {
        return ctx.output("monologue").map(n -> n.path("text").asText()).orElse("(none)");
    }

    static String goal(StepContext ctx) {
        return ctx.output("goal_selection").map(n -> n.path("goal").asText()).orElse("(none)");
    }

    static String actionResult(StepContext ctx) {
        return ctx.output("action").map(n -> n.path("action_type").asText() + " -> " + n.path("status").asText())
                .orElse("(no action)");
    }

    static String recentEpisodes(StepContext ctx, int n) {
        StringBuilder b = new StringBuilder();
        ctx.memory().recentEpisodes(n).forEach(e -> b.append("- [tick ").append(e.tick()).append("] ")
                .append(e.text()).append(" (").append(e.outcome()).append(")\n"));
        return b.length() == 0 ? "(no episodes yet)\n" : b.toString();
    }
}
