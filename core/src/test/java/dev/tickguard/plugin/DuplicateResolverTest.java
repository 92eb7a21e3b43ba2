package dev.tickguard.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The id rules as pure logic: built-in ids, higher version, then file name; losers claim nothing. */
class DuplicateResolverTest {
    final DuplicateResolver resolver = new DuplicateResolver(Set.of("monologue", "action"));

    static DuplicateResolver.Claim claim(String id, String version, String source, String... steps) {
        return new DuplicateResolver.Claim(id, SemanticVersion.parse(version), source, List.of(steps));
    }

    static DuplicateResolver.Claim unversioned(String id, String source, String... steps) {
        return new DuplicateResolver.Claim(id, SemanticVersion.NONE, source, List.of(steps));
    }

    @Test
    void pluginsThatShareNothingAllWin() {
        assertThat(resolver.losers(List.of(claim("a", "1.0", "a.jar", "alpha"), claim("b", "1.0", "b.jar", "beta"))))
                .isEmpty();
    }

    @Test
    void theHigherVersionWinsThePluginIdWhateverTheFileName() {
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(List.of(
                claim("greeter", "1.2.0", "a-greeter.jar", "greeter"), claim("greeter", "1.10.0", "z-greeter.jar", "greeter")));
        assertThat(losers).containsOnlyKeys("a-greeter.jar");
        assertThat(losers.get("a-greeter.jar")).isEqualTo(new DuplicateResolver.Loss("plugin id 'greeter' is taken by "
                + "greeter 1.10.0 (z-greeter.jar), which has the higher version; remove one of the two", true));
    }

    @Test
    void sameVersionTheFirstFileNameWins() {
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(List.of(
                claim("greeter", "1.0", "b.jar", "greeter"), claim("greeter", "1.0", "a.jar", "greeter")));
        assertThat(losers).containsOnlyKeys("b.jar");
        assertThat(losers.get("b.jar").reason()).isEqualTo("plugin id 'greeter' is taken by greeter 1.0.0 (a.jar), "
                + "same version and first by file name; remove one of the two");
    }

    @Test
    void aReleaseBeatsItsSnapshotAndAnyVersionBeatsNone() {
        assertThat(resolver.losers(List.of(claim("g", "2.0.0-SNAPSHOT", "a.jar", "g"), claim("g", "2.0.0", "b.jar", "g"))))
                .containsOnlyKeys("a.jar");
        assertThat(resolver.losers(List.of(unversioned("g", "a.jar", "g"), claim("g", "0.0.1", "b.jar", "g"))))
                .containsOnlyKeys("a.jar");
    }

    @Test
    void aCommonStepIdIsADuplicateToo() {
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(List.of(
                claim("weather", "1.0", "weather.jar", "forecast", "rain"), claim("sky", "2.0", "sky.jar", "clouds", "rain")));
        assertThat(losers).containsOnlyKeys("weather.jar");
        assertThat(losers.get("weather.jar")).isEqualTo(new DuplicateResolver.Loss("step id 'rain' is taken by sky 2.0.0 "
                + "(sky.jar), which has the higher version; remove one of the two", true));
    }

    @Test
    void aBuiltInStepIdCanNeverBeTakenWhateverTheVersion() {
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(List.of(claim("mine", "99.0", "mine.jar", "mine", "action")));
        assertThat(losers).containsOnlyKeys("mine.jar");
        assertThat(losers.get("mine.jar")).isEqualTo(new DuplicateResolver.Loss("step id 'action' belongs to a built-in "
                + "step, and a built-in id can never be taken: rename the plugin's step", false));
    }

    @Test
    void aLoserClaimsNothingSoItCannotMakeAThirdPluginLose() {
        // b loses 'shared' to a; c shares only b's other step, which b never got, so c wins.
        Map<String, DuplicateResolver.Loss> losers = resolver.losers(List.of(
                claim("a", "3.0", "a.jar", "shared"), claim("b", "2.0", "b.jar", "shared", "other"),
                claim("c", "1.0", "c.jar", "other")));
        assertThat(losers).containsOnlyKeys("b.jar");

        // The same for a plugin that reached for a built-in id.
        assertThat(resolver.losers(List.of(claim("x", "2.0", "x.jar", "monologue", "mine"), claim("y", "1.0", "y.jar", "mine"))))
                .containsOnlyKeys("x.jar");
    }

    @Test
    void theOutcomeDoesNotDependOnTheOrderPluginsWereFoundIn() {
        List<DuplicateResolver.Claim> claims = List.of(claim("g", "1.0", "c.jar", "g"), claim("g", "2.0", "b.jar", "g"),
                claim("g", "2.0", "a.jar", "g"));
        assertThat(resolver.losers(claims)).containsOnlyKeys("b.jar", "c.jar");
        assertThat(resolver.losers(List.of(claims.get(2), claims.get(0), claims.get(1)))).containsOnlyKeys("b.jar", "c.jar");
        assertThat(resolver.losers(claims).keySet()).as("decided from the winner down").containsExactly("b.jar", "c.jar");
    }
}
