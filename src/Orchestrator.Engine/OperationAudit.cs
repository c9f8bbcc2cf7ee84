namespace Orchestrator.Engine;

/// <summary>
/// The detail of an operator's action in an instance's history (an <c>OPERATION</c> record): who did it and, for some actions,
/// what (<c>olga: from order version 1 to order version 2</c>). Written here and read back here, so readers need not know the
/// format.
/// </summary>
public static class OperationAudit
{
    private const string Separator = ": ";

    /// <summary>The detail as recorded: the actor alone, or the actor and what was done.</summary>
    public static string Detail(string actor, string? what) => string.IsNullOrEmpty(what) ? actor : actor + Separator + what;

    /// <summary>The actor and what was done (null when the detail names only the actor) of a recorded detail.</summary>
    public static (string Actor, string? What) Split(string detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return detail.IndexOf(Separator, StringComparison.Ordinal) is var at and >= 0 ? (detail[..at], detail[(at + Separator.Length)..]) : (detail, null);
    }
}
