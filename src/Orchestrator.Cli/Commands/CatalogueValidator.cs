using Orchestrator.Connectors.Notify;
using Orchestrator.Engine.Model;
using Orchestrator.Feel;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// The message catalogue beside validated BPMN files (<c>&lt;folder of the bpmn&gt;/notifications</c>): every file parses, every
/// template a <c>notify.send</c> task names literally exists in <c>en</c>; a message missing in one of the shop's languages is a
/// warning (it falls back to <c>en</c>).
/// </summary>
internal static class CatalogueValidator
{
    private const string NotifyType = "notify.send";

    /// <summary>A <c>notify.send</c> task naming a template: where, and which.</summary>
    public sealed record TemplateUse(string File, FlowNode Task, string Template);

    /// <summary>The templates the processes of <paramref name="file"/> name (a literal <c>template</c> input or header).</summary>
    public static IEnumerable<TemplateUse> Uses(string file, IEnumerable<ProcessModel> processes) =>
        processes.SelectMany(p => p.Elements.Values)
            .Where(n => n.JobType is { IsExpression: false } type && type.Literal == NotifyType)
            .Select(n => new TemplateUse(file, n, Template(n)!))
            .Where(u => u.Template is not null);

    /// <returns>False when the catalogue has a file that does not parse or lacks a template in <c>en</c>.</returns>
    public static bool Check(string folder, IReadOnlyList<TemplateUse> uses, TextWriter output)
    {
        var catalogue = new NotificationCatalogue(folder, FeelEngine.Default);
        var files = catalogue.Files;
        var valid = true;
        foreach (var problem in files.SelectMany(f => f.Problems))
        {
            output.WriteLine(problem.ToString());
            valid = false;
        }

        var english = files.Where(f => f.Language == NotificationCatalogue.FallbackLanguage).Select(f => f.Template).ToHashSet(StringComparer.Ordinal);
        foreach (var use in uses.Where(u => !english.Contains(u.Template)))
        {
            output.WriteLine($"{use.File}:{use.Task.Line}: {use.Task.Id}: the notification catalogue {folder} has no template '{use.Template}' in {NotificationCatalogue.FallbackLanguage}");
            valid = false;
        }

        var templates = files.GroupBy(f => f.Template, StringComparer.Ordinal);
        foreach (var template in templates)
        {
            var languages = template.Select(f => f.Language).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var missing in NotificationCatalogue.Languages.Where(l => !languages.Contains(l)))
            {
                output.WriteLine($"warning: {Path.Combine(folder, template.Key)}: no {missing} translation (falls back to {NotificationCatalogue.FallbackLanguage})");
            }
        }

        if (valid)
        {
            output.WriteLine($"{folder}: valid ({templates.Count()} messages)");
        }

        return valid;
    }

    private static string? Template(FlowNode task)
    {
        if (task.Headers.TryGetValue("template", out var header) && header.Length > 0)
        {
            return header;
        }

        return task.Inputs.FirstOrDefault(i => i.Target == "template") is { Source.IsExpression: false } input ? input.Source.Literal : null;
    }
}
