namespace Orchestrator.Engine.State;

/// <summary>The lifecycle of a job.</summary>
public enum JobState
{
    /// <summary>Waiting for a worker.</summary>
    Activatable,

    /// <summary>Leased to a worker until its deadline.</summary>
    Activated,

    /// <summary>Out of retries (an incident is open) or its error found no catcher.</summary>
    Failed,

    /// <summary>Done.</summary>
    Completed,

    /// <summary>Its element was terminated.</summary>
    Canceled,

    /// <summary>Its worker threw a BPMN error that was caught.</summary>
    ErrorThrown,
}
