using System.Globalization;
using System.Text.RegularExpressions;

namespace Orchestrator.Engine;

/// <summary>
/// What an instance's history records of a migration (the <c>OPERATION</c> record's detail after the actor): the process and
/// version the instance left and the one it continues on. Readers that show it in another language take the parts.
/// </summary>
/// <param name="FromProcessId">The BPMN process id of the definition the instance was on.</param>
/// <param name="FromVersion">That definition's version.</param>
/// <param name="ToProcessId">The BPMN process id of the target definition.</param>
/// <param name="ToVersion">The target definition's version.</param>
public sealed partial record MigrationAudit(string FromProcessId, int FromVersion, string ToProcessId, int ToVersion)
{
    /// <summary>The detail as recorded: <c>from return-and-refund version 1 to return-and-refund version 2</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"from {FromProcessId} version {FromVersion} to {ToProcessId} version {ToVersion}");

    /// <summary>The parts of a detail written as <see cref="ToString"/> writes it; null for any other text.</summary>
    public static MigrationAudit? Parse(string? text)
    {
        // Process ids are XML names, without spaces, so the words between them cannot be mistaken for part of one.
        if (text is null || Detail().Match(text) is not { Success: true } m)
        {
            return null;
        }

        return int.TryParse(m.Groups["fromVersion"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            && int.TryParse(m.Groups["toVersion"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            ? new MigrationAudit(m.Groups["fromId"].Value, from, m.Groups["toId"].Value, to)
            : null;
    }

    [GeneratedRegex(@"^from (?<fromId>\S+) version (?<fromVersion>\d+) to (?<toId>\S+) version (?<toVersion>\d+)$")]
    private static partial Regex Detail();
}
