/** The twelve built-in cognitive steps of the heavy tick, as ServiceLoader providers. */
module dev.tickguard.steps {
    requires dev.tickguard.core;
    requires java.logging;

    provides dev.tickguard.spi.Step with
            dev.tickguard.steps.MonologueStep,
            dev.tickguard.steps.SemanticContextStep,
            dev.tickguard.steps.GoalSelectionStep,
            dev.tickguard.steps.ActionStep,
            dev.tickguard.steps.AfterActionStep,
            dev.tickguard.steps.CuriosityStep,
            dev.tickguard.steps.SelfModificationStep,
            dev.tickguard.steps.BeliefSystemStep,
            dev.tickguard.steps.ContradictionResolverStep,
            dev.tickguard.steps.TimePerceptionStep,
            dev.tickguard.steps.SocialInteractionStep,
            dev.tickguard.steps.MetaCognitionStep;
}
