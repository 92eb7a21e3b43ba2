package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Locale;

/**
 * Carries out the chosen goal, touching only its sandbox folder: {@code observe} lists it,
 * {@code analyze} reads one file (size-capped) and has the model summarise it, {@code write_note}
 * writes a note (size-capped, atomically). A path outside the sandbox is refused and the refusal
 * is the outcome. No shell, ever.
 */
public final class ActionStep extends CognitiveStep {
    private static final String WELCOME = """
            # Sandbox
            This folder is the agent's whole world. It may list it, read a file in it, or write notes here.
            Notes the agent writes appear under notes/.
            """;

    /** The most files observe reports. */
    private static final int MAX_LISTED = 50;

    /** Where each run's note name is recorded (see {@link #writeNote}). */
    static final String RUNS = ".runs/";

    public ActionStep() {
        super("action", Priority.CRITICAL, Phase.SEQUENTIAL, 40, 45);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        JsonNode goal = ctx.output("goal_selection").orElse(Json.obj().put("goal", "observe the environment")
                .put("action_type", "observe").put("risk_level", "low"));
        String type = goal.path("action_type").asText("observe");
        String target = goal.path("target").asText("");
        ObjectNode out = Json.obj().put("goal", goal.path("goal").asText()).put("action_type", type);
        try {
            Sandbox box = new Sandbox(ctx.sandbox());
            if (!box.exists("README.md")) {
                box.write("README.md", WELCOME);
            }
            switch (type) {
                case "analyze" -> analyze(ctx, box, target, out);
                case "write_note" -> writeNote(ctx, box, goal, target, out);
                default -> observe(box, out);
            }
        } catch (Sandbox.EscapeException e) {
            LOG.warning(() -> "[HeavyTick #" + ctx.tick() + "] action refused: " + e.getMessage());
            out.put("status", "refused").put("reason", e.getMessage());
        }
        return out;
    }

    private static void observe(Sandbox box, ObjectNode out) throws IOException {
        ArrayNode files = out.putArray("files");
        for (Sandbox.Listed f : box.list(MAX_LISTED)) {
            files.addObject().put("name", f.name()).put("bytes", f.bytes());
        }
        out.put("status", "done");
    }

    private static void analyze(StepContext ctx, Sandbox box, String target, ObjectNode out) throws Exception {
        String name = target;
        if (target.isBlank()) {
            // The first plain file, by the same rules as observe; read() checks it again as it opens it.
            List<Sandbox.Listed> files = box.list(1);
            if (files.isEmpty()) {
                throw new Sandbox.EscapeException("nothing to analyze: the sandbox is empty");
            }
            name = files.get(0).name();
        }
        String text;
        try {
            text = box.read(name);
        } catch (NoSuchFileException e) {
            out.put("status", "not_found").put("reason", "no file '" + name + "' in the sandbox");
            return;
        }
        String summary = ctx.llm().chat("Summarise the file for the agent in one or two sentences.",
                "File " + name + ":\n" + text);
        out.put("file", name).put("lines", text.lines().count()).put("summary", summary.trim()).put("status", "done");
    }

    /**
     * Writes one note per run, however often the run is repeated (a tick resumed after a crash re-runs
     * the step that was running): the note's name is recorded under {@code .runs/} (keyed by
     * {@link StepContext#runKey()}) before the note is written, and a repeated run writes to the name
     * it finds there, replacing (atomically) what the first run may have written. So a run leaves one
     * note file even when its inputs changed in between (an earlier step re-run with another answer).
     */
    private static void writeNote(StepContext ctx, Sandbox box, JsonNode goal, String target, ObjectNode out)
            throws Exception {
        String marker = RUNS + ctx.runKey().replace('/', '-');
        String name = null;
        if (box.exists(marker)) {
            name = box.read(marker).trim();
        }
        String title = target.isBlank() ? "tick-" + ctx.tick() : target;
        if (name == null || name.isEmpty()) {
            String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]+", "-");
            if (!slug.endsWith(".md")) {
                slug += ".md";
            }
            name = slug.contains("/") || slug.startsWith(".") ? slug : "notes/" + slug;
        }
        // Refuse a bad name before paying for the LLM call; the write itself checks every folder
        // again as it opens it (a folder swapped for a link meanwhile is refused, not followed).
        Sandbox.parts(name);
        String body = ctx.llm().chat("Write a short note (under 120 words) for your future self.",
                "Goal: " + goal.path("goal").asText() + "\nReasoning: " + goal.path("reasoning").asText());
        ctx.checkCancelled();
        box.write(marker, name + "\n");
        box.write(name, "# " + title + "\n\n" + body.trim() + "\n");
        out.put("file", String.join("/", Sandbox.parts(name))).put("status", "done");
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("goal", "observe the environment").put("action_type", "observe")
                .put("status", "not_run");
    }
}
