package dev.tickguard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** remote.* and steps.<id>.run_on: a bad value is one line naming the file, line, key and value. */
class RemoteConfigMistakesAreNamedTest {

    @Test
    void aBrokerThatIsNotAnAmqpUrlIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "remote:\n  broker: http://localhost:5672\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml:2: remote.broker: must be an amqp://USER:PASS@HOST:PORT/VHOST URL, got "
                        + "'http://localhost:5672'");
    }

    @Test
    void anUnknownPlaceToRunIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.parse("c.yaml", "steps:\n  monologue:\n    run_on: cloud\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yaml:3: steps.monologue.run_on: must be one of LOCAL, REMOTE, got 'cloud'");
    }

    @Test
    void aRemoteStepAndItsBrokerAreRead() throws Exception {
        TickguardConfig c = ConfigLoader.parse("c.yaml",
                "remote:\n  broker: amqp://u:p@h:5672\n  delivery_limit: 2\nsteps:\n  monologue:\n    run_on: REMOTE\n");
        assertThat(c.remote().broker()).isEqualTo(URI.create("amqp://u:p@h:5672"));
        assertThat(c.remote().deliveryLimit()).isEqualTo(2);
        assertThat(c.step("monologue").isRemote()).isTrue();
        assertThat(c.step("goal_selection").isRemote()).isFalse();
        assertThat(TickguardConfig.defaults().remote().enabled()).isFalse();
    }
}
