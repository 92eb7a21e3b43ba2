/** Files that must never be half-written: atomic replace (temp file, force, rename). */
package dev.tickguard.persist;
