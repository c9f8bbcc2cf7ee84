using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Ports;

/// <summary>
/// Side effects a command asks for, told only after it committed: wake workers waiting for a job
/// type, tell task lists about a new task, schedule or cancel a timer in the host's scheduler. The in-memory engine needs none of it.
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
}
