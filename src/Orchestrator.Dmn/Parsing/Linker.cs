using Orchestrator.Dmn.Model;

namespace Orchestrator.Dmn.Parsing;

/// <summary>Resolves requirement hrefs (<c>#id</c> in the same model, <c>namespace#id</c> in an imported one), checks their kinds and finds requirement cycles.</summary>
internal static class Linker
{
    public static void Link(IReadOnlyList<Definitions> models, List<DmnProblem> problems)
    {
        var byNamespace = models.GroupBy(m => m.Namespace).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var model in models)
        {
            // Duplicate ids are the parser's problem to report; the first element with an id is the one an href reaches.
            var ids = new Dictionary<string, DrgElement>(StringComparer.Ordinal);
            foreach (var element in model.Elements)
            {
                ids.TryAdd(element.Id, element);
            }

            foreach (var element in model.Elements)
            {
                switch (element)
                {
                    case Decision decision:
                        Resolve(decision, decision.Information, "an information requirement", e => e is Decision or InputData);
                        Resolve(decision, decision.Knowledge, "a knowledge requirement", e => e is KnowledgeModel or DecisionService);
                        break;
                    case KnowledgeModel knowledge:
                        Resolve(knowledge, knowledge.Knowledge, "a knowledge requirement", e => e is KnowledgeModel or DecisionService);
                        break;
                    case DecisionService service:
                        Resolve(service, service.Outputs, "an output decision", e => e is Decision);
                        Resolve(service, service.Encapsulated, "an encapsulated decision", e => e is Decision);
                        Resolve(service, service.InputDecisions, "an input decision", e => e is Decision);
                        Resolve(service, service.Inputs, "an input data", e => e is InputData);
                        break;
                }
            }

            void Resolve(DrgElement owner, List<Requirement> requirements, string what, Func<DrgElement, bool> allowed)
            {
                foreach (var requirement in requirements)
                {
                    var hash = requirement.Href.IndexOf('#', StringComparison.Ordinal);
                    var ns = hash > 0 ? requirement.Href[..hash] : "";
                    var id = hash >= 0 ? requirement.Href[(hash + 1)..] : requirement.Href;
                    DrgElement? target = null;
                    if (ns.Length == 0 || ns == model.Namespace)
                    {
                        ids.TryGetValue(id, out target);
                    }
                    else if (byNamespace.TryGetValue(ns, out var other))
                    {
                        target = other.Elements.FirstOrDefault(e => e.Id == id);
                    }

                    if (target is null)
                    {
                        problems.Add(new DmnProblem(model.Source, owner.Id, requirement.Line, $"{what} of {owner.Kind} '{owner.Name}' refers to '{requirement.Href}', which is no element of the models"));
                    }
                    else if (!allowed(target))
                    {
                        problems.Add(new DmnProblem(model.Source, owner.Id, requirement.Line, $"{what} of {owner.Kind} '{owner.Name}' refers to {target.Kind} '{target.Name}', which cannot be one"));
                    }
                    else
                    {
                        requirement.Target = target;
                    }
                }
            }
        }

        FindCycles(models, problems);
        FindTypeCycles(models, problems);
    }

    /// <summary>An item definition that is, through its base types, an alias of itself has no values: a problem, never an endless check.</summary>
    private static void FindTypeCycles(IReadOnlyList<Definitions> models, List<DmnProblem> problems)
    {
        foreach (var model in models)
        {
            foreach (var item in model.ItemDefinitions.Values)
            {
                var seen = new List<string> { item.Name };
                var current = item;
                while (current.Components.Count == 0 && current.TypeRef is { } baseRef && Local(model, baseRef) is { } next)
                {
                    if (next == item)
                    {
                        problems.Add(new DmnProblem(model.Source, null, item.Line, $"item definition '{item.Name}' is defined in terms of itself: {string.Join(" → ", seen.Append(item.Name))}"));
                        break;
                    }

                    if (seen.Contains(next.Name))
                    {
                        break;
                    }

                    seen.Add(next.Name);
                    current = next;
                }
            }
        }

        static ItemDefinition? Local(Definitions model, string typeRef)
        {
            var name = typeRef.Trim();
            if (model.ItemDefinitions.TryGetValue(name, out var found))
            {
                return found;
            }

            var colon = name.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 && model.ItemDefinitions.TryGetValue(name[(colon + 1)..], out found) ? found : null;
        }
    }

    private static void FindCycles(IReadOnlyList<Definitions> models, List<DmnProblem> problems)
    {
        var done = new HashSet<DrgElement>();
        var path = new List<DrgElement>();
        foreach (var element in models.SelectMany(m => m.Elements))
        {
            Visit(element);
        }

        void Visit(DrgElement element)
        {
            if (done.Contains(element))
            {
                return;
            }

            var at = path.IndexOf(element);
            if (at >= 0)
            {
                var cycle = path.Skip(at).Append(element).Select(e => $"'{e.Name}'");
                problems.Add(new DmnProblem(element.Owner.Source, element.Id, element.Line, "the decision requirements form a cycle: " + string.Join(" → ", cycle)));
                done.Add(element);
                return;
            }

            path.Add(element);
            if (element is Decision decision)
            {
                foreach (var requirement in decision.Information)
                {
                    if (requirement.Target is Decision required)
                    {
                        Visit(required);
                    }
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(element);
        }
    }
}
