/** The twelve built-in cognitive steps of the heavy tick, as ServiceLoader providers. */
module dev.tickguard.steps {
    requires dev.tickguard.core;
}
