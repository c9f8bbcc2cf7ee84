using System.Globalization;

namespace Orchestrator.Engine;

/// <summary>
/// How long the texts the database looks up by index may be: a message's name, correlation key and id, a user task's assignee.
/// PostgreSQL refuses an index entry over about 2,700 bytes: a longer text would fail the commit that stores it — and the server
/// with it, at every start when it comes from a stored webhook delivery. The limits keep a name and a key together below that
/// even in four-byte characters. A message's texts hold no NUL either: PostgreSQL stores none.
/// </summary>
public static class TextLimits
{
    /// <summary>The longest message or signal name, in characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest correlation key, in characters.</summary>
    public const int MaxCorrelationKeyLength = 400;

    /// <summary>The longest message id, in characters.</summary>
    public const int MaxMessageIdLength = 600;

    /// <summary>The longest assignee (a user name), in characters.</summary>
    public const int MaxAssigneeLength = 256;

    /// <summary>What is wrong with an assignee; null when nothing.</summary>
    public static string? CheckAssignee(string? assignee) =>
        assignee?.Length > MaxAssigneeLength ? Long("assignee", assignee.Length, MaxAssigneeLength) : null;

    /// <summary>What is wrong with a signal's name (a subscription's name like a message's); null when nothing.</summary>
    public static string? CheckSignal(string name) =>
        name.Length > MaxNameLength ? Long("signal name", name.Length, MaxNameLength) : null;

    /// <summary>What is wrong with a message's name, correlation key or id (too long, or holding a NUL: PostgreSQL stores none); null when nothing.</summary>
    public static string? CheckMessage(string name, string? correlationKey, string? messageId = null) =>
        HasNul(name) ? Nul("message name") : HasNul(correlationKey) ? Nul("correlation key") : HasNul(messageId) ? Nul("message id")
        : name.Length > MaxNameLength ? Long("message name", name.Length, MaxNameLength)
        : correlationKey?.Length > MaxCorrelationKeyLength ? Long("correlation key", correlationKey.Length, MaxCorrelationKeyLength)
        : messageId?.Length > MaxMessageIdLength ? Long("message id", messageId.Length, MaxMessageIdLength)
        : null;

    private static bool HasNul(string? text) => text?.Contains('\0', StringComparison.Ordinal) == true;

    private static string Nul(string what) => $"the {what} must not contain a NUL character (\\u0000)";

    private static string Long(string what, int length, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"the {what} is {length:N0} characters long; the limit is {limit:N0}");
}
