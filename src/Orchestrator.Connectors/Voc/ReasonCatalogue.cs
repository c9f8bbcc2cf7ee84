using System.Text.Json;
using System.Text.RegularExpressions;
using Orchestrator.Connectors.Common;
using Orchestrator.Connectors.Notify;

namespace Orchestrator.Connectors.Voc;

/// <summary>
/// The shop's hierarchical VOC reason codes (<c>workflows/voc/reasons.json</c>):
/// <c>{"reasons": [{"code": "quality", "labels": {"en": "Quality", …}, "children": [{"code": "quality/defect", …}]}]}</c>,
/// every code labelled in each of the shop's languages (<see cref="NotificationCatalogue.Languages"/>). Read again as soon as
/// the file is saved (a timestamp and size check on each use), so the shop edits it without a restart. Thread-safe.
/// </summary>
public sealed partial class ReasonCatalogue
{
    /// <summary>The language a label falls back to.</summary>
    public const string FallbackLanguage = NotificationCatalogue.FallbackLanguage;

    private readonly StampedSnapshot<Snapshot> _snapshot;

    /// <summary>Creates the catalogue of <paramref name="path"/> (read on first use; a missing file is an empty catalogue).</summary>
    public ReasonCatalogue(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _snapshot = new StampedSnapshot<Snapshot>(Stamp, Load, new Snapshot([], [], new Dictionary<string, ReasonCode>(StringComparer.Ordinal)));
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>The top-level codes as the file reads now (codes with a problem are still listed).</summary>
    public IReadOnlyList<ReasonCode> Reasons => Current().Reasons;

    /// <summary>What is wrong with the file as it reads now; empty when it is valid (or missing).</summary>
    public IReadOnlyList<ReasonProblem> Problems => Current().Problems;

    /// <summary>The code <paramref name="code"/> at any level, or null when the catalogue has none.</summary>
    public ReasonCode? Find(string code) => Current().ByCode.GetValueOrDefault(code);

    /// <summary>Parses a catalogue's text and checks it: each code well-formed, once, under its parent's prefix, labelled in every language.</summary>
    public static (IReadOnlyList<ReasonCode> Reasons, IReadOnlyList<ReasonProblem> Problems) Parse(string path, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<ReasonProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return ([], [new ReasonProblem(path, (int)(ex.LineNumber ?? -1) + 1, "-", $"not valid JSON: {ex.Message}")]);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("reasons", out var reasons)
                || reasons.ValueKind != JsonValueKind.Array)
            {
                return ([], [new ReasonProblem(path, 1, "-", "the file must be an object with a \"reasons\" array")]);
            }

            var reader = new Reader(path, json, problems);
            return (reader.Read(reasons, null), problems);
        }
    }

    private Snapshot Current() => _snapshot.Current();

    private string Stamp()
    {
        var file = new FileInfo(Path);
        return file.Exists ? $"{file.LastWriteTimeUtc.Ticks}|{file.Length}" : "";
    }

    private Snapshot Load(string stamp)
    {
        IReadOnlyList<ReasonCode> reasons = [];
        IReadOnlyList<ReasonProblem> problems = [];
        if (stamp.Length > 0)
        {
            try
            {
                (reasons, problems) = Parse(Path, File.ReadAllText(Path));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problems = [new ReasonProblem(Path, 0, "-", $"cannot read the file: {ex.Message}")];
            }
        }

        var byCode = new Dictionary<string, ReasonCode>(StringComparer.Ordinal);
        foreach (var reason in Flatten(reasons))
        {
            byCode.TryAdd(reason.Code, reason);
        }

        return new Snapshot(reasons, problems, byCode);
    }

    private static IEnumerable<ReasonCode> Flatten(IEnumerable<ReasonCode> reasons) => reasons.SelectMany(r => Flatten(r.Children).Prepend(r));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    private sealed record Snapshot(IReadOnlyList<ReasonCode> Reasons, IReadOnlyList<ReasonProblem> Problems, Dictionary<string, ReasonCode> ByCode);

    private sealed class Reader(string path, string json, List<ReasonProblem> problems)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public List<ReasonCode> Read(JsonElement entries, string? parent)
        {
            var reasons = new List<ReasonCode>();
            foreach (var entry in entries.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("code", out var codeElement) || codeElement.ValueKind != JsonValueKind.String
                    || codeElement.GetString() is not { Length: > 0 } code)
                {
                    Problem(parent ?? "-", $"an entry {(parent is null ? "at the top" : "under " + parent)} has no \"code\" text");
                    continue;
                }

                Check(code, parent);
                var labels = Labels(entry, code);
                var children = entry.TryGetProperty("children", out var childElements) && childElements.ValueKind == JsonValueKind.Array
                    ? Read(childElements, code)
                    : [];
                reasons.Add(new ReasonCode(code, labels, children));
            }

            return reasons;
        }

        private void Check(string code, string? parent)
        {
            if (!CodePattern().IsMatch(code))
            {
                Problem(code, "a code is lower-case words (letters, digits, '-') joined by '/'");
            }

            if (!_seen.Add(code))
            {
                Problem(code, "the code is listed more than once");
            }

            if (parent is not null && !code.StartsWith(parent + "/", StringComparison.Ordinal))
            {
                Problem(code, $"a child of {parent} must start with '{parent}/'");
            }
        }

        private Dictionary<string, string> Labels(JsonElement entry, string code)
        {
            var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (entry.TryGetProperty("labels", out var labelElements) && labelElements.ValueKind == JsonValueKind.Object)
            {
                foreach (var label in labelElements.EnumerateObject().Where(l => l.Value.ValueKind == JsonValueKind.String))
                {
                    labels[label.Name] = label.Value.GetString()!;
                }
            }

            foreach (var language in NotificationCatalogue.Languages.Where(l => string.IsNullOrWhiteSpace(labels.GetValueOrDefault(l))))
            {
                Problem(code, $"no {language} label");
            }

            return labels;
        }

        private void Problem(string code, string message) => problems.Add(new ReasonProblem(path, LineOf(code), code, message));

        /// <summary>The line the code is first written on (1 when it is not found as such).</summary>
        private int LineOf(string code)
        {
            var at = json.IndexOf($"\"{code}\"", StringComparison.Ordinal);
            return at < 0 ? 1 : json.AsSpan(0, at).Count('\n') + 1;
        }
    }
}
