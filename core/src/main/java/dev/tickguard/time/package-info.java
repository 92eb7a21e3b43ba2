/** The injectable time source every timing decision reads, so tests control time instead of sleeping. */
package dev.tickguard.time;
