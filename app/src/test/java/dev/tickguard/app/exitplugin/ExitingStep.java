package dev.tickguard.app.exitplugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import dev.tickguard.spi.StepContext;
import java.time.Duration;

/** A hostile plugin step for {@code PluginExitIsNamedTest}: it ends the process, as no plugin may. */
public final class ExitingStep implements Step {
    @Override
    public String id() {
        return "exits";
    }

    @Override
    public Priority priority() {
        return Priority.OPTIONAL;
    }

    @Override
    public Phase phase() {
        return Phase.PARALLEL;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public JsonNode run(StepContext context) {
        System.exit(77);
        return null;
    }

    @Override
    public JsonNode safeDefault() {
        return JsonNodeFactory.instance.objectNode();
    }
}
