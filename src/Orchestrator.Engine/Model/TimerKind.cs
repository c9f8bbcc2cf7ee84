namespace Orchestrator.Engine.Model;

/// <summary>How a timer definition is written.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: an ISO 8601 date and time.</summary>
    Date,

    /// <summary><c>timeDuration</c>: an ISO 8601 duration.</summary>
    Duration,

    /// <summary><c>timeCycle</c>: <c>R[n]/[start/]duration</c> or a cron expression.</summary>
    Cycle,
}
