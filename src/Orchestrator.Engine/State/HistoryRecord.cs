namespace Orchestrator.Engine.State;

/// <summary>
/// One thing that happened, appended once and never changed: element lifecycle, variable changes,
/// job, user-task and incident events. Enough to draw an instance's path and measure durations.
/// </summary>
/// <param name="Position">Increasing sequence number.</param>
/// <param name="Timestamp">When (the engine clock).</param>
/// <param name="ProcessInstanceKey">The instance (0 for records outside an instance).</param>
/// <param name="Key">The record's subject: element instance, job, user task, incident or variable scope.</param>
/// <param name="ValueType">What kind of subject: <c>ELEMENT</c>, <c>VARIABLE</c>, <c>JOB</c>, <c>USER_TASK</c>, <c>INCIDENT</c>.</param>
/// <param name="Intent">What happened, e.g. <c>ELEMENT_ACTIVATED</c>, <c>CREATED</c>, <c>COMPLETED</c>.</param>
/// <param name="ElementId">The element id, when there is one.</param>
/// <param name="Detail">More: a variable's name and JSON value, an error message, the element kind.</param>
public sealed record HistoryRecord(
    long Position,
    DateTimeOffset Timestamp,
    long ProcessInstanceKey,
    long Key,
    string ValueType,
    string Intent,
    string? ElementId,
    string? Detail);
