using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>
/// A change of a user task that its task listeners have not decided yet (Camunda's CREATING, ASSIGNING, UPDATING and COMPLETING):
/// what it would set, with the listeners' corrections merged in, applied once the last listener is done and dropped when one denies it.
/// </summary>
public sealed class UserTaskTransition
{
    /// <summary>The event its listeners run for.</summary>
    public required ListenerEventType Event { get; init; }

    /// <summary>Camunda's action: <c>create</c>, <c>assign</c>, <c>claim</c>, <c>unassign</c>, <c>update</c> or <c>complete</c>.</summary>
    public required string Action { get; init; }

    /// <summary>
    /// What it sets, by Camunda's attribute names (<c>assignee</c>, <c>candidateGroupsList</c>, <c>candidateUsersList</c>, <c>dueDate</c>,
    /// <c>followUpDate</c>, <c>priority</c>); null clears. Dates are ISO 8601 strings, lists FEEL lists of strings.
    /// </summary>
    public Dictionary<string, FeelValue> Changes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>For a completion: the variables the task completes with.</summary>
    public Dictionary<string, FeelValue>? Variables { get; init; }

    /// <summary>For a creation: the model's assignee, assigned (through the assigning listeners) once the task is created.</summary>
    public string? ThenAssign { get; init; }
}
