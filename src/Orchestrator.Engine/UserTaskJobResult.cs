using Orchestrator.Feel.Values;

namespace Orchestrator.Engine;

/// <summary>
/// What a task listener's worker decided, with its job's completion (Camunda's job result of type <c>userTask</c>): deny the
/// change (assigning, updating and completing listeners only), or correct it.
/// </summary>
/// <param name="Denied">True to deny the change: the task is open again, as it was.</param>
/// <param name="DeniedReason">Why, for the history and the caller whose change was denied.</param>
/// <param name="Corrections">
/// What to set instead, by Camunda's attribute names (<c>assignee</c>, <c>candidateGroupsList</c>, <c>candidateUsersList</c>,
/// <c>dueDate</c>, <c>followUpDate</c>, <c>priority</c>): an empty string or list clears; dates are ISO 8601 strings.
/// </param>
public sealed record UserTaskJobResult(bool Denied, string? DeniedReason, IReadOnlyDictionary<string, FeelValue>? Corrections);
