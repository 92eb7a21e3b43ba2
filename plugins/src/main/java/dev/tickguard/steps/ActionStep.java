package dev.tickguard.steps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.StepContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

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

    public ActionStep() {
        super("action", Priority.CRITICAL, Phase.SEQUENTIAL, 40, 45);
    }

    @Override
    public JsonNode run(StepContext ctx) throws Exception {
        Sandbox box = new Sandbox(ctx.sandbox());
        Path readme = box.root().resolve("README.md");
        if (!Files.exists(readme)) {
            box.write(readme, WELCOME);
        }
        JsonNode goal = ctx.output("goal_selection").orElse(Json.obj().put("goal", "observe the environment")
                .put("action_type", "observe").put("risk_level", "low"));
        String type = goal.path("action_type").asText("observe");
        String target = goal.path("target").asText("");
        ObjectNode out = Json.obj().put("goal", goal.path("goal").asText()).put("action_type", type);
        try {
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
        for (Path p : list(box)) {
            files.addObject().put("name", box.root().relativize(p).toString()).put("bytes", Files.size(p));
        }
        out.put("status", "done");
    }

    private static void analyze(StepContext ctx, Sandbox box, String target, ObjectNode out) throws Exception {
        Path file;
        if (target.isBlank()) {
            List<Path> files = list(box);
            if (files.isEmpty()) {
                throw new Sandbox.EscapeException("nothing to analyze: the sandbox is empty");
            }
            file = files.get(0);
        } else {
            file = box.resolve(target);
        }
        if (!Files.isRegularFile(file)) {
            out.put("status", "not_found").put("reason", "no file '" + target + "' in the sandbox");
            return;
        }
        String text = box.read(file);
        String summary = ctx.llm().chat("Summarise the file for the agent in one or two sentences.",
                "File " + box.root().relativize(file) + ":\n" + text);
        out.put("file", box.root().relativize(file).toString()).put("lines", text.lines().count())
                .put("summary", summary.trim()).put("status", "done");
    }

    private static void writeNote(StepContext ctx, Sandbox box, JsonNode goal, String target, ObjectNode out)
            throws Exception {
        String title = target.isBlank() ? "tick-" + ctx.tick() : target;
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]+", "-");
        if (!slug.endsWith(".md")) {
            slug += ".md";
        }
        Path note = box.resolve(slug.contains("/") || slug.startsWith(".") ? slug : "notes/" + slug);
        String body = ctx.llm().chat("Write a short note (under 120 words) for your future self.",
                "Goal: " + goal.path("goal").asText() + "\nReasoning: " + goal.path("reasoning").asText());
        box.write(note, "# " + title + "\n\n" + body.trim() + "\n");
        out.put("file", box.root().relativize(note).toString()).put("status", "done");
    }

    private static List<Path> list(Sandbox box) throws IOException {
        try (Stream<Path> s = Files.walk(box.root(), 3)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().limit(50).toList();
        }
    }

    @Override
    public JsonNode safeDefault() {
        return Json.obj().put("goal", "observe the environment").put("action_type", "observe")
                .put("status", "not_run");
    }
}
