using System.Globalization;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine;

/// <summary>
/// How deep and how big one variable's value may be. Checked wherever a value enters: the variables of a command
/// (creating an instance, completing a job or task, publishing a message, setting variables) are refused whole, and a
/// FEEL result (a mapping, a script) that passes a limit raises an incident instead of being stored. What is stored is
/// therefore always far below what the stored state's reader accepts (<see cref="FeelJson.MaxDepth"/>).
/// </summary>
public sealed class VariableLimits
{
    /// <summary>How deeply lists and objects may nest in one value (an object holding a list of objects is 3). Default 32.</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The longest variable name, in characters.</summary>
    public const int MaxNameLength = 256;

    /// <summary>How many bytes one value's JSON may take. Default 1 MiB.</summary>
    public long MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// How many variables one command may set (the variables of a start, a completion, a message). Default 10,000: 300,000 small
    /// variables in one 5 MB request held the engine about 5 s.
    /// </summary>
    public int MaxCount { get; init; } = 10_000;

    /// <summary>Why <paramref name="value"/>, named <paramref name="name"/>, may not be stored; null when it may.</summary>
    public LimitViolation? Check(string name, FeelValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return CheckDepth(name, value.Depth) ?? CheckSize(name, FeelJson.Utf8Length(value, MaxBytes));
    }

    /// <summary>Why a value nesting <paramref name="depth"/> levels may not be stored; null when it may.</summary>
    public LimitViolation? CheckDepth(string name, int depth) =>
        depth > MaxDepth ? new LimitViolation(false, string.Create(CultureInfo.InvariantCulture, $"{name} nests {depth} levels deep; the limit is {MaxDepth}")) : null;

    /// <summary>Why a value of <paramref name="bytes"/> bytes as JSON may not be stored; null when it may.</summary>
    public LimitViolation? CheckSize(string name, long bytes) =>
        bytes > MaxBytes
            ? new LimitViolation(true, string.Create(CultureInfo.InvariantCulture, $"{name} is larger than {MaxBytes:N0} bytes as JSON; the limit is {MaxBytes:N0}"))
            : null;

    /// <summary>The first variable of <paramref name="variables"/> that may not be stored, named <c>variables.&lt;name&gt;</c>.</summary>
    public LimitViolation? Check(IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (variables?.Count > MaxCount)
        {
            return new LimitViolation(true, string.Create(CultureInfo.InvariantCulture, $"variables holds {variables.Count:N0} entries; the limit is {MaxCount:N0}"));
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, FeelValue>())
        {
            if (name.Length == 0)
            {
                // No expression can name it, and the search and the UI show it as nothing.
                return new LimitViolation(false, "variables has an empty name");
            }

            if (name.Contains('\0', StringComparison.Ordinal))
            {
                // A database column of text (PostgreSQL's) cannot hold it: storing it would fail the whole commit.
                return new LimitViolation(false, $"variables has a name with a NUL character (\\u0000): '{Execution.StoredText.EscapeNul(name)}'");
            }

            if (name.Length > MaxNameLength)
            {
                // Variables are looked up by name in an index: PostgreSQL refuses an entry over about 2,700 bytes, failing the commit.
                return new LimitViolation(false, string.Create(CultureInfo.InvariantCulture,
                    $"variables has a name {name.Length:N0} characters long ('{name[..20]}…'); the limit is {MaxNameLength}"));
            }

            if (Check("variables." + name, value) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }
}
