/**
 * The heavy tick: {@link dev.tickguard.engine.TickEngine} schedules ticks, a tick runs phase 1 in
 * order and phase 2 at once, and every step goes through a Failsafe pipeline
 * (fallback chain around its breaker around its timeout) within its priority's budget.
 * {@link dev.tickguard.engine.StepFaults} is where chaos reaches a step (fail, hang, slow). Exported
 * only to the launcher ({@code dev.tickguard.app}).
 */
package dev.tickguard.engine;
