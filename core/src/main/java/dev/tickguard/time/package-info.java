/**
 * The injectable time source every timing decision reads, so tests control time instead of sleeping.
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}).
 */
package dev.tickguard.time;
