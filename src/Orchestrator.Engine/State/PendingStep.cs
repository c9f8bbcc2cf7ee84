namespace Orchestrator.Engine.State;

/// <summary>The lifecycle step an element instance is in, so an incident's resolution runs it again.</summary>
public enum PendingStep
{
    /// <summary>Being activated: input mappings and the element's own start (job, timer, subscription...).</summary>
    Activate,

    /// <summary>Waiting for a job, task, message, timer or child.</summary>
    Wait,

    /// <summary>Being completed: output mappings and leaving (gateway conditions).</summary>
    Complete,
}
