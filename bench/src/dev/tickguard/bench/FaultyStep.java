package dev.tickguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tickguard.spi.Phase;
import dev.tickguard.spi.Priority;
import dev.tickguard.spi.BaseStep;
import dev.tickguard.spi.StepContext;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A step that misbehaves at random: with probability {@code faultRate} it throws, sleeps past its
 * timeout, returns null or a missing node, or hangs ignoring interrupts for 5 x its timeout.
 */
final class FaultyStep extends BaseStep {
    private final double faultRate;

    FaultyStep(String id, Priority priority, Phase phase, int order, Duration timeout, double faultRate) {
        super(id, priority, phase, order, timeout);
        this.faultRate = faultRate;
    }

    @Override
    public JsonNode run(StepContext context) throws Exception {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        if (r.nextDouble() >= faultRate) {
            Thread.sleep(r.nextInt(2));
            return TextNode.valueOf(id() + " ok");
        }
        switch (r.nextInt(5)) {
            case 0:
                throw new IllegalStateException("injected failure");
            case 1:
                Thread.sleep(timeout().toMillis() * 2);
                return TextNode.valueOf("too late");
            case 2:
                return null;
            case 3:
                return MissingNode.getInstance();
            default: {
                long until = System.nanoTime() + timeout().toNanos() * 5;
                while (System.nanoTime() < until) {
                    LockSupport.parkNanos(until - System.nanoTime());
                    Thread.interrupted(); // deaf to interrupts
                }
                return TextNode.valueOf("hung, then returned");
            }
        }
    }

    @Override
    public JsonNode safeDefault() {
        return TextNode.valueOf(id() + " default");
    }
}
