namespace Orchestrator.Server.Workspace;

/// <summary>The tasks whose rows to give (keys as strings; at most 1000).</summary>
public sealed record TaskRowsRequest(IReadOnlyList<string>? UserTaskKeys);

/// <summary>The rows of the visible tasks asked for; others are left out.</summary>
public sealed record TaskRowsResponse(IReadOnlyList<TaskRow> Items);

/// <summary>One task-list row: the task's case (business key, customer, subject, channel, language), its priority and its SLA.</summary>
public sealed record TaskRow(
    string UserTaskKey, string ProcessInstanceKey, string? BusinessKey, string? CustomerId, string? CustomerName, string? Subject, string? Channel,
    string? Language, int Priority, TaskRowSla? Sla);

/// <summary>
/// An open task's SLA: OK, WARNING or BREACHED; minutes left, late and allowed (creation to due), counted in the calendar's
/// working hours when one counts it; the zone to state the due time in.
/// </summary>
public sealed record TaskRowSla(DateTimeOffset DueDate, string State, string? Calendar, string TimeZone, long MinutesLeft, long MinutesLate, long MinutesAllowed);

/// <summary>A new internal note.</summary>
public sealed record NewCaseNote(string? Text);

/// <summary>An internal note on a case.</summary>
public sealed record CaseNote(string NoteKey, string ProcessInstanceKey, string Author, string Text, DateTimeOffset CreatedAt);

/// <summary>A case's notes, oldest first.</summary>
public sealed record CaseNotesResponse(IReadOnlyList<CaseNote> Items);

/// <summary>
/// The case's customer: the id and name the case holds, the customers API's record when it is configured and knows them, their
/// other cases the caller may open, and how many others they have that the caller may not (another team's: not named).
/// </summary>
public sealed record CaseCustomer(string? CustomerId, string? Name, CustomerRecord? Record, IReadOnlyList<OtherCase> OtherCases, int HiddenCases);

/// <summary>A customer as the customers API has them.</summary>
public sealed record CustomerRecord(string CustomerId, string Name, string Tier, string TrustLevel, string Language, string PreferredChannel, string Country);

/// <summary>Another case of the same customer that the caller may open, newest first.</summary>
public sealed record OtherCase(string ProcessInstanceKey, string? BusinessKey, string ProcessDefinitionId, string? ProcessName, string State, DateTimeOffset StartDate);

/// <summary>The reply templates of the catalogue and the language each would be written in for this case.</summary>
public sealed record ReplyTemplatesResponse(string Language, IReadOnlyList<ReplyTemplate> Items);

/// <summary>A reply template and the language of the file used for the case.</summary>
public sealed record ReplyTemplate(string Template, string Language);

/// <summary>A reply template filled in with the case's variables.</summary>
public sealed record RenderedReply(string Template, string Language, string Subject, string Body);
