namespace Orchestrator.Persistence.Rows;

/// <summary>An internal note on a case (a process instance): written by an agent or operator, never shown to the customer.</summary>
public sealed class CaseNoteRow
{
    /// <summary>The longest note, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>The longest author name stored, in characters.</summary>
    public const int MaxAuthorLength = 200;

    public long Id { get; set; }
    public long ProcessInstanceKey { get; set; }

    /// <summary>Who wrote it (the user's name).</summary>
    public required string Author { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
