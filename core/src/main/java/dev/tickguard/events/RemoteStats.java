package dev.tickguard.events;

/**
 * Remote step workers in figures, for the metrics endpoint and the Workers view. Immutable.
 *
 * @param broker the broker, without its password
 * @param connected true while the agent's connection to it is open
 * @param queueDepth step messages waiting in the pool queue, or -1 if the broker cannot be asked
 * @param roundTripP50Ms median round trip of the recent remote runs (send to result), -1 without any
 * @param roundTripP95Ms their 95th percentile, -1 without any
 * @param sent step messages the broker confirmed
 * @param redelivered results of runs that were delivered more than once (a worker died holding them)
 * @param duplicates second results of a run, discarded (the run was recorded once)
 * @param late results that came after the agent had given up on the run, discarded
 * @param publishFailures step messages the broker did not take (down, refused, not confirmed)
 * @param deadLettered poison messages
 * @param expired messages the workers dropped unstarted because their deadline had passed
 * @param workersAlive workers whose heartbeats arrive
 */
public record RemoteStats(String broker, boolean connected, long queueDepth, double roundTripP50Ms,
                          double roundTripP95Ms, long sent, long redelivered, long duplicates, long late,
                          long publishFailures, long deadLettered, long expired, int workersAlive) {
}
