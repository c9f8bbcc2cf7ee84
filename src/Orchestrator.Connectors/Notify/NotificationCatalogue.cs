using System.Globalization;
using System.Text;
using Orchestrator.Connectors.Common;
using Orchestrator.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Connectors.Notify;

/// <summary>
/// The shop's customer messages, one file per message and language: <c>&lt;folder&gt;/&lt;template&gt;/&lt;language&gt;.txt</c>
/// (see <see cref="MessageTemplate"/>). Read again as soon as a file is added, removed or saved (a timestamp and size check
/// on each use), so process owners edit it without a restart. Thread-safe.
/// </summary>
public sealed class NotificationCatalogue
{
    /// <summary>The language used when a message has no file in the one asked for.</summary>
    public const string FallbackLanguage = "en";

    private const string Extension = ".txt";

    private readonly FeelEngine _feel;
    private readonly StampedSnapshot<Snapshot> _snapshot;

    /// <summary>Creates the catalogue of <paramref name="folder"/> (read on first use; a missing folder is an empty catalogue).</summary>
    public NotificationCatalogue(string folder, FeelEngine feel)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(feel);
        Folder = folder;
        _feel = feel;
        _snapshot = new StampedSnapshot<Snapshot>(Stamp, Load, new Snapshot([]));
    }

    /// <summary>The languages the shop writes every message in (BCP 47).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en", "id", "th", "vi", "ms", "es", "de"];

    /// <summary>The folder.</summary>
    public string Folder { get; }

    /// <summary>Every file as it reads now, ordered by template and language.</summary>
    public IReadOnlyList<MessageTemplate> Files => [.. Current().Templates.Values.SelectMany(l => l.Values)
        .OrderBy(t => t.Template, StringComparer.Ordinal).ThenBy(t => t.Language, StringComparer.Ordinal)];

    /// <summary>
    /// Renders <paramref name="template"/> in <paramref name="language"/>: its file, else the file of its primary subtag
    /// (<c>de</c> for <c>de-AT</c>), else the <c>en</c> file. The placeholders see the entries of <paramref name="data"/> as
    /// names, and <c>trackingUrl</c>, <c>customerId</c> and <c>language</c> (the one rendered).
    /// </summary>
    /// <returns>The message, or null when the catalogue has no such template (or not in <c>en</c> either).</returns>
    /// <exception cref="NotificationTemplateException">The file does not parse or a placeholder fails.</exception>
    public RenderedMessage? Render(string template, string language, FeelContext? data, string customerId, string? trackingUrl)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (!Current().Templates.TryGetValue(template, out var languages))
        {
            return null;
        }

        var subtag = language.Split('-')[0];
        if (!languages.TryGetValue(language, out var file) && !languages.TryGetValue(subtag, out file) && !languages.TryGetValue(FallbackLanguage, out file))
        {
            return null;
        }

        var values = new FeelContext((data?.Entries ?? []).Concat(
        [
            new("trackingUrl", trackingUrl is null ? FeelNull.Instance : new FeelString(trackingUrl)),
            new("customerId", new FeelString(customerId)),
            new("language", new FeelString(file.Language)),
        ]));
        var (subject, body) = file.Render(values);
        return new RenderedMessage(file.Template, file.Language, subject, body);
    }

    private Snapshot Current() => _snapshot.Current();

    /// <summary>Every file's path, time of last change and size: different as soon as a file is saved, added or removed.</summary>
    private string Stamp()
    {
        if (!Directory.Exists(Folder))
        {
            return "";
        }

        var stamp = new StringBuilder();
        foreach (var file in TemplateFiles())
        {
            stamp.Append(file.FullName).Append('|').Append(file.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture))
                .Append('|').Append(file.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        return stamp.ToString();
    }

    private Snapshot Load(string stamp)
    {
        var templates = new Dictionary<string, Dictionary<string, MessageTemplate>>(StringComparer.Ordinal);
        foreach (var file in stamp.Length == 0 ? [] : TemplateFiles())
        {
            var template = file.Directory!.Name;
            var language = System.IO.Path.GetFileNameWithoutExtension(file.Name);
            var path = System.IO.Path.Combine(Folder, template, file.Name);
            MessageTemplate parsed;
            try
            {
                parsed = MessageTemplate.Parse(template, language, path, File.ReadAllText(file.FullName), _feel);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                parsed = MessageTemplate.Unreadable(template, language, path, ex.Message);
            }

            if (!templates.TryGetValue(template, out var languages))
            {
                languages = new Dictionary<string, MessageTemplate>(StringComparer.OrdinalIgnoreCase);
                templates.Add(template, languages);
            }

            languages[language] = parsed;
        }

        return new Snapshot(templates);
    }

    private IEnumerable<FileInfo> TemplateFiles() =>
        new DirectoryInfo(Folder).EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal)
            .SelectMany(d => d.EnumerateFiles("*" + Extension).OrderBy(f => f.Name, StringComparer.Ordinal));

    private sealed record Snapshot(Dictionary<string, Dictionary<string, MessageTemplate>> Templates);
}
