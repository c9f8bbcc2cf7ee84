using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Ports;

/// <summary>
/// Side effects a command asks for, told only after it committed: wake workers waiting for a job
/// type, tell task lists about a new task, schedule or cancel a timer in the host's scheduler; and what
/// happened, for the host's metrics. The in-memory engine needs none of it. A command that was refused tells nothing.
/// </summary>
public interface IEngineObserver
{
    /// <summary>Jobs of <paramref name="type"/> became activatable.</summary>
    void JobsAvailable(string type);

    /// <summary>A user task was created (task lists refresh on it).</summary>
    void UserTaskCreated(UserTask task);

    /// <summary>A timer was created or moved to a new due date.</summary>
    void TimerScheduled(Subscription timer);

    /// <summary>A timer ended without firing (its element left).</summary>
    void TimerCanceled(long timerKey);

    // What happened, for metrics: an observer that does not count (a benchmark) need not implement these.

    /// <summary>A worker leased <paramref name="job"/>.</summary>
    void JobActivated(Job job) { }

    /// <summary>A worker completed <paramref name="job"/>.</summary>
    void JobCompleted(Job job) { }

    /// <summary>A worker reported <paramref name="job"/> as failed (with retries left or not).</summary>
    void JobFailed(Job job) { }

    /// <summary>A worker threw a BPMN error from <paramref name="job"/>.</summary>
    void JobErrorThrown(Job job) { }

    /// <summary>An incident opened.</summary>
    void IncidentCreated(Incident incident) { }

    /// <summary>A timer fired (started an instance or triggered its catch element).</summary>
    void TimerFired(Subscription timer) { }
}
