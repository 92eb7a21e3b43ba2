/**
 * Remote step workers on RabbitMQ (issue 20): a step with {@code steps.<id>.run_on: remote} is sent
 * to a quorum queue and run by a worker process ({@code tickguard worker}), possibly on another
 * machine, with the same {@code Step} SPI. The agent keeps every guard (deadline, breakers,
 * fallbacks, budgets, chaos): to the engine a remote step is a step whose {@code run} waits for a
 * reply. Delivery is at least once; the agent accepts one result per run key and discards the
 * rest, so each step of each tick is recorded once. Inside the engine: exported only to the
 * launcher ({@code dev.tickguard.app}). The protocol and guarantees: {@code docs/remote-workers.md}.
 */
package dev.tickguard.remote;
