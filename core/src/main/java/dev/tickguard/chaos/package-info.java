/**
 * Chaos: deliberate faults the user switches on and off (from the command line or the dashboard)
 * to watch the system degrade and recover: forced-open breakers, failing, hanging and slow steps.
 */
package dev.tickguard.chaos;
