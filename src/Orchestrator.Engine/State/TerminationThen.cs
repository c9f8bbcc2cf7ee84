using Orchestrator.Engine.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>
/// What goes on once a termination that had to wait is done (a user task's canceling listeners ran, a called instance
/// terminated): kept on the element instance while it waits, as Zeebe keeps deferred records, so it survives a restart.
/// On an element that is itself terminating it runs in that element's scope once the element is gone; on a scope whose
/// children are being terminated it runs in the scope once none of them is left.
/// </summary>
public sealed class TerminationThen
{
    /// <summary>What to do.</summary>
    public required TerminationThenKind Kind { get; init; }

    /// <summary>The boundary event or event subprocess to activate.</summary>
    public FlowNode? Node { get; init; }

    /// <summary>The variables the event brought.</summary>
    public Dictionary<string, FeelValue>? Variables { get; init; }
}

/// <summary>The kinds of <see cref="TerminationThen"/>.</summary>
public enum TerminationThenKind
{
    /// <summary>An interrupting boundary event (a timer, message, signal, error or escalation caught on the activity) is activated.</summary>
    ActivateBoundary,

    /// <summary>An interrupting event subprocess (or one catching an error or escalation) starts in the scope.</summary>
    ActivateEventSubProcess,

    /// <summary>The scope completes (a multi-instance completion condition, an ad-hoc subprocess cancelling what remains), once it is empty.</summary>
    CompleteScope,
}
