package dev.tickguard.plugin;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The id rules between loaded plugins (pf4j's {@code DependencyResolver} has this place): a step id
 * of a built-in step can never be taken; otherwise, of two plugins with the same plugin id or a
 * common step id, the higher version wins, then the first file name in alphabetical order. The
 * rules are decided here on ids and versions alone, so no plugin code is involved and the outcome
 * does not depend on the order plugins were found in.
 *
 * <p>Immutable and thread-safe; called on the plugin manager thread ({@code tickguard-plugins}).
 */
final class DuplicateResolver {
    /** A loaded plugin and the ids it claims. */
    record Claim(String pluginId, SemanticVersion version, String source, List<String> stepIds) {
        Claim {
            stepIds = List.copyOf(stepIds);
        }
    }

    /**
     * Why a claim lost.
     *
     * @param duplicate true if it lost to another plugin (it may win once that one leaves), false if
     *     it reached for a built-in id (it never can)
     */
    record Loss(String reason, boolean duplicate) {
    }

    private static final Comparator<Claim> PRECEDENCE = Comparator.comparing(Claim::version).reversed()
            .thenComparing(Claim::source);

    private final Set<String> builtInStepIds;

    DuplicateResolver(Set<String> builtInStepIds) {
        this.builtInStepIds = Set.copyOf(builtInStepIds);
    }

    /**
     * @return the losers by source name, in the order they were decided; a claim not in it won
     */
    Map<String, Loss> losers(Collection<Claim> claims) {
        Map<String, Loss> out = new LinkedHashMap<>();
        Map<String, Claim> stepOwners = new HashMap<>();
        Map<String, Claim> pluginOwners = new HashMap<>();
        for (Claim c : claims.stream().sorted(PRECEDENCE).toList()) {
            Loss loss = builtIn(c);
            if (loss == null) {
                loss = duplicate(c, pluginOwners, stepOwners);
            }
            if (loss != null) {
                out.put(c.source(), loss); // a loser claims nothing: it cannot make a third plugin lose
                continue;
            }
            pluginOwners.put(c.pluginId(), c);
            c.stepIds().forEach(id -> stepOwners.put(id, c));
        }
        return out;
    }

    private Loss builtIn(Claim c) {
        for (String id : c.stepIds()) {
            if (builtInStepIds.contains(id)) {
                return new Loss("step id '" + id + "' belongs to a built-in step, and a built-in id can never be "
                        + "taken: rename the plugin's step", false);
            }
        }
        return null;
    }

    private static Loss duplicate(Claim c, Map<String, Claim> pluginOwners, Map<String, Claim> stepOwners) {
        Claim winner = pluginOwners.get(c.pluginId());
        String what = "plugin id '" + c.pluginId() + "'";
        if (winner == null) {
            for (String id : c.stepIds()) {
                if (stepOwners.containsKey(id)) {
                    winner = stepOwners.get(id);
                    what = "step id '" + id + "'";
                    break;
                }
            }
        }
        if (winner == null) {
            return null;
        }
        return new Loss(what + " is taken by " + winner.pluginId() + " " + winner.version() + " (" + winner.source()
                + ")" + (winner.version().compareTo(c.version()) > 0
                ? ", which has the higher version" : ", same version and first by file name")
                + "; remove one of the two", true);
    }
}
