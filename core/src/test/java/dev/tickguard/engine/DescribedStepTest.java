package dev.tickguard.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tickguard.spi.Priority;
import dev.tickguard.spi.Step;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A plugin's descriptors are read once and answered from the copy (hostile pass 2, D1). */
class DescribedStepTest {
    @Test
    void descriptorsAreReadOnceAndAnsweredFromTheCopy() throws Exception {
        FakeStep plugin = FakeStep.seq("monologue", Priority.CRITICAL, 3);
        DescribedStep d = DescribedStep.read(plugin);
        // Were the plugin asked again, these would change: the copy keeps what was read.
        plugin.body = ctx -> FakeStep.text("ran");
        assertThat(d.id()).isEqualTo("monologue");
        assertThat(d.order()).isEqualTo(3);
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.run(null).asText()).isEqualTo("ran");
        assertThat(DescribedStep.read(d)).isSameAs(d);
        assertThat(DescribedStep.codeClass(d)).isEqualTo(FakeStep.class);
    }

    /** A method added to the SPI later must be passed on too, or the plugin's own would never run. */
    @Test
    void everyMethodOfTheSpiIsPassedOnOrAnswered() {
        for (Method m : Step.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertThat(Arrays.stream(DescribedStep.class.getDeclaredMethods())
                    .anyMatch(o -> o.getName().equals(m.getName())
                            && Arrays.equals(o.getParameterTypes(), m.getParameterTypes())))
                    .as(m.toString()).isTrue();
        }
    }
}
