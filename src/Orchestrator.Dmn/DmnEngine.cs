using Orchestrator.Dmn.Evaluation;
using Orchestrator.Dmn.Model;
using Orchestrator.Dmn.Parsing;
using Orchestrator.Feel;

namespace Orchestrator.Dmn;

/// <summary>
/// Parses and validates DMN 1.1–1.5 models (all problems at once, each with its element id and line) into a
/// <see cref="DmnModelSet"/> that evaluates decisions any number of times, from any thread. FEEL is <see cref="Feel"/>.
/// </summary>
public sealed class DmnEngine
{
    /// <summary>Creates an engine that evaluates FEEL with <paramref name="feel"/> (the default engine when null).</summary>
    public DmnEngine(FeelEngine? feel = null) => Feel = feel ?? FeelEngine.Default;

    /// <summary>An engine with the default FEEL engine.</summary>
    public static DmnEngine Default { get; } = new();

    /// <summary>The FEEL engine expressions run on.</summary>
    public FeelEngine Feel { get; }

    /// <summary>Parses models that may import each other; throws <see cref="DmnValidationException"/> listing every problem.</summary>
    public DmnModelSet Parse(IEnumerable<DmnSource> sources)
    {
        var (set, problems, _) = Read(sources);
        return problems.Count == 0 ? set : throw new DmnValidationException(problems);
    }

    /// <summary>
    /// Parses models whose only problems may be FEEL syntax errors, which are returned in <paramref name="syntaxErrors"/>: the
    /// decisions whose expressions are at fault fail when evaluated, the others run (what a harness evaluating many decisions of
    /// one file wants). Any other problem throws <see cref="DmnValidationException"/>.
    /// </summary>
    public DmnModelSet ParseTolerant(IEnumerable<DmnSource> sources, out IReadOnlyList<DmnProblem> syntaxErrors)
    {
        var (set, problems, syntax) = Read(sources);
        var structural = problems.Where(p => !syntax.Contains(p)).ToList();
        syntaxErrors = [.. syntax];
        return structural.Count == 0 ? set : throw new DmnValidationException(structural);
    }

    /// <summary>Parses one model.</summary>
    public DmnModelSet Parse(string name, string xml) => Parse([new DmnSource(name, xml)]);

    /// <summary>Every problem of the models (none when they are valid).</summary>
    public IReadOnlyList<DmnProblem> Validate(IEnumerable<DmnSource> sources) => Read(sources).Problems;

    private (DmnModelSet Set, List<DmnProblem> Problems, HashSet<DmnProblem> SyntaxErrors) Read(IEnumerable<DmnSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<DmnProblem>();
        var syntaxErrors = new HashSet<DmnProblem>(ReferenceEqualityComparer.Instance);
        var read = new List<(Definitions Model, DmnParser Parser)>();
        foreach (var source in sources)
        {
            var (model, parser) = DmnParser.Read(source, Feel, problems, syntaxErrors);
            if (model is not null)
            {
                read.Add((model, parser));
            }
        }

        var models = read.Select(r => r.Model).ToList();
        // Models that share a namespace clash only when one imports it (Camunda's modeler gives every file the same default one).
        var importedNamespaces = models.SelectMany(m => m.Imports).Select(i => i.Namespace).ToHashSet(StringComparer.Ordinal);
        foreach (var group in models.GroupBy(m => m.Namespace).Where(g => g.Count() > 1 && importedNamespaces.Contains(g.Key)))
        {
            problems.Add(new DmnProblem(group.Last().Source, group.Last().Id, 1, $"the namespace '{group.Key}' is also that of {group.First().Source}"));
        }

        foreach (var (model, parser) in read)
        {
            var imported = new List<string>();
            foreach (var import in model.Imports)
            {
                if (read.FirstOrDefault(r => r.Model.Namespace == import.Namespace) is { Model: not null } other)
                {
                    imported.AddRange(other.Parser.Names);
                    imported.AddRange(other.Model.Elements.Select(e => import.Name.Length == 0 ? e.Name : import.Name + "." + e.Name));
                }
                else
                {
                    problems.Add(new DmnProblem(model.Source, null, import.Line, $"the import '{import.Name}' names the namespace '{import.Namespace}', which no given model has"));
                }
            }

            parser.Compile(imported);
        }

        Linker.Link(models, problems);
        return (new DmnModelSet(this, models, new TypeResolver(models)), problems, syntaxErrors);
    }
}
