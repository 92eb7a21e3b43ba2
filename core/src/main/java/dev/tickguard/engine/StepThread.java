package dev.tickguard.engine;

/**
 * A thread of the engine's step pool. A tick continues on whichever step thread finished the
 * previous step, and runs the next sequential step right there, so a tick of healthy steps costs
 * no thread hand-offs; only step threads may do that (never Failsafe's timer thread).
 */
final class StepThread extends Thread {
    StepThread(Runnable r, String name) {
        super(r, name);
        setDaemon(true);
    }

    /** True if the calling thread belongs to the step pool. */
    static boolean current() {
        return Thread.currentThread() instanceof StepThread;
    }
}
