using System.Text.RegularExpressions;
using System.Xml.Linq;
using Orchestrator.Engine.Tracking;

namespace Orchestrator.Engine.Model;

/// <summary>Reads what a process shows its customers (<see cref="CaseTracking"/>) from its <c>tracking.*</c> properties.</summary>
public sealed partial class BpmnParser
{
    private CaseTracking? ReadTracking(XElement process, FlowNode root)
    {
        var marked = _elements.Values.Where(n => n.Properties.ContainsKey(CaseTracking.StepProperty)).OrderBy(n => n.Line).ToList();
        var caseType = root.Properties.GetValueOrDefault(CaseTracking.CaseTypeProperty)?.Trim();
        if (string.IsNullOrEmpty(caseType))
        {
            foreach (var node in marked)
            {
                Problem(node.Id, node.Line, 0,
                    $"{CaseTracking.StepProperty}: the element is a customer-visible step but process '{root.Id}' declares no {CaseTracking.CaseTypeProperty}");
            }

            return null;
        }

        var title = Text(root, CaseTracking.TitleProperty);
        var reference = Expression(process, root.Id, CaseTracking.ReferenceProperty, root.Properties.GetValueOrDefault(CaseTracking.ReferenceProperty));
        var eta = Expression(process, root.Id, CaseTracking.EtaProperty, root.Properties.GetValueOrDefault(CaseTracking.EtaProperty));
        var refund = Expression(process, root.Id, CaseTracking.RefundProperty, root.Properties.GetValueOrDefault(CaseTracking.RefundProperty));
        var distances = FlowGraph.Distances(root.Children.Where(c => c.Incoming.Count == 0 && c.Kind != ElementKind.BoundaryEvent));
        var steps = new List<(TrackedStep Step, int Rank, int Line)>();
        foreach (var group in marked.GroupBy(n => n.Properties[CaseTracking.StepProperty].Trim(), StringComparer.Ordinal))
        {
            var first = group.First();
            if (!StepKey().IsMatch(group.Key))
            {
                Problem(first.Id, first.Line, 0,
                    $"{CaseTracking.StepProperty}: '{group.Key}' is not a step key (letters, digits, '-', '_' and '.', at most 64, starting with a letter or digit)");
                continue;
            }

            var labels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var when = new Dictionary<string, ModelExpression>(StringComparer.Ordinal);
            foreach (var node in group)
            {
                if (node.Properties.GetValueOrDefault(CaseTracking.WhenProperty) is { } condition)
                {
                    if (!condition.TrimStart().StartsWith('='))
                    {
                        Problem(node.Id, node.Line, 0, $"{CaseTracking.WhenProperty}: '{condition}' is not a FEEL expression (write it with a leading '=')");
                    }
                    else if (ModelExpression.TryCreate(condition, _feel, out var expression, out var error))
                    {
                        when[node.Id] = expression!;
                    }
                    else
                    {
                        Problem(node.Id, node.Line, 0, $"{CaseTracking.WhenProperty}: {error}");
                    }
                }

                var own = Text(node, CaseTracking.LabelProperty);
                foreach (var language in own.Languages)
                {
                    labels.TryAdd(language, own.In(language));
                }
            }

            if (labels.Count == 0)
            {
                Problem(first.Id, first.Line, 0, $"{CaseTracking.LabelProperty}: step '{group.Key}' has no label (give {CaseTracking.LabelProperty} on one of its elements)");
                continue;
            }

            var rank = group.Min(n => distances.TryGetValue(n, out var d) ? d : int.MaxValue);
            steps.Add((new TrackedStep(group.Key, new LocalizedText(labels), group.ToList(), when), rank, first.Line));
        }

        return new CaseTracking(caseType, title, reference, eta, refund, steps.OrderBy(s => s.Rank).ThenBy(s => s.Line).Select(s => s.Step).ToList());
    }

    private LocalizedText Text(FlowNode node, string property)
    {
        var texts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, text) in Texts(node, property))
        {
            if (!texts.TryAdd(language, text))
            {
                Problem(node.Id, node.Line, 0, $"{property}: the language '{language}' is given twice (property names differ only in case)");
            }
        }

        return new LocalizedText(texts);
    }

    /// <summary>A property's texts by language: <c>name</c> (no language) and <c>name.lang</c>; a malformed language is a problem.</summary>
    private IEnumerable<(string Language, string Text)> Texts(FlowNode node, string property)
    {
        foreach (var (name, value) in node.Properties)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            if (name == property)
            {
                yield return (string.Empty, value.Trim());
            }
            else if (name.StartsWith(property + ".", StringComparison.Ordinal))
            {
                var language = name[(property.Length + 1)..];
                if (CaseTracking.IsLanguageTag(language))
                {
                    yield return (language, value.Trim());
                }
                else
                {
                    Problem(node.Id, node.Line, 0, $"{name}: '{language}' is not a language tag (e.g. en, zh-CN)");
                }
            }
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex StepKey();
}
