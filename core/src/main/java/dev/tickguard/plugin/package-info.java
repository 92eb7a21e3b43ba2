/**
 * Plugins: the built-in steps found through {@link java.util.ServiceLoader}
 * ({@link dev.tickguard.plugin.StepDiscovery}), and the plugins folder, live
 * ({@link dev.tickguard.plugin.PluginRegistry}): each plugin a JAR or a folder with its JAR and
 * {@code lib/}, in a class loader of its own that sees only the SPI, with a descriptor, a state, and
 * hot reload between ticks.
 * Inside the engine: exported only to the launcher ({@code dev.tickguard.app}). Plugin authors see
 * only {@code dev.tickguard.spi}.
 *
 * <h2>Parts</h2>
 * {@code PluginRegistry} is the public face and only wires these (package-private) parts, one job each:
 * <ul>
 *   <li>{@code FolderWatch}: when to look at the folder (change notification, settle polls, safety net).</li>
 *   <li>{@code PluginFolder}: which plugins are in the folder, and which changes have settled.</li>
 *   <li>{@code PluginSync}: one pass that applies a look and the user's choices; owns the plugin table.</li>
 *   <li>{@code PluginLifecycle}: evaluate, load ({@code PluginLoader}), start and close hooks
 *       ({@code StepHooks}), release; owns every plugin class loader.</li>
 *   <li>{@code PluginGate}: whether any code of a plugin may run (disabled, quarantined, pinned trust).</li>
 *   <li>{@code DuplicateResolver}: the id rules between plugins (built-in ids, version, file name).</li>
 *   <li>{@code PluginChoices}: the user's remembered choices (the database's settings row {@code plugin_choices}).</li>
 *   <li>{@code QuarantineWatch}: counts abandoned runs per step and asks for a quarantine.</li>
 *   <li>{@code PluginSnapshot}: the immutable lists other threads read, and the state-change events.</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Every thread the package starts is a daemon, so none keeps the JVM alive, and each has one owner
 * that ends it:
 * <ul>
 *   <li>{@code tickguard-plugins}, the plugin manager thread ({@code ManagerThread}), one per
 *       registry. All plugin state lives on it: every look, evaluation, load, hook call, choice and
 *       quarantine runs there, one at a time, so nothing in the package needs a lock. Owned by
 *       {@code PluginRegistry}; {@link dev.tickguard.plugin.PluginRegistry#close()} runs the
 *       plugins' close hooks on it (bounded to four hook limits plus 10 s) and then shuts it down,
 *       dropping any look still scheduled.</li>
 *   <li>{@code tickguard-plugins-watch}, started by {@code FolderWatch} in
 *       {@link dev.tickguard.plugin.PluginRegistry#watch watch} when the operating system offers
 *       change notification for the folder. It only waits for notifications and hands a look to the
 *       manager thread. It ends when the registry closes (its {@code WatchService} is closed) or
 *       when the folder itself goes away; the manager thread's 30 s safety-net look carries on.</li>
 *   <li>{@code tickguard-plugin-N}, a fresh hook thread per call of plugin code ({@code TimeLimit}):
 *       creating a plugin's steps, each step's {@code start} and {@code close}. The manager thread
 *       waits for it at most {@code plugins.hook_timeout_sec}; then it is interrupted and left behind,
 *       owned by nobody: it ends when the plugin code returns, which code that ignores interruption
 *       may never do. Fresh per call so no thread-local pins a removed plugin's class loader.</li>
 *   <li>{@code tickguard-events-plugins-quarantine}, the event bus's listener thread for
 *       {@code QuarantineWatch}, subscribed in {@code watch} and ended by the registry's
 *       {@code close()} (the subscription is cancelled). It only counts and hands a quarantine to the
 *       manager thread.</li>
 * </ul>
 * Threads the package borrows: callers of {@code start()} and {@code watch()} wait for the manager
 * thread; the other commands return a future instead. The engine completes a step swap's "last use"
 * future on the thread that ends the last tick using the old steps; that callback only hands the
 * unloading back to the manager thread (or, once the registry is closed, unloads right there).
 * {@code StepDiscovery} runs on its caller's thread and starts none.
 */
package dev.tickguard.plugin;
