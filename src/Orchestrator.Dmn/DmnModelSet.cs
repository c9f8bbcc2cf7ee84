using Orchestrator.Dmn.Evaluation;
using Orchestrator.Dmn.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn;

/// <summary>Parsed, validated DMN models (those given together, which may import each other). Immutable; evaluates from any thread.</summary>
public sealed class DmnModelSet
{
    private readonly DmnEngine _engine;
    private readonly IReadOnlyList<Definitions> _models;
    private readonly TypeResolver _types;
    private readonly Dictionary<(string? Model, string Name), DrgElement> _invocable = [];

    internal DmnModelSet(DmnEngine engine, IReadOnlyList<Definitions> models, TypeResolver types)
    {
        _engine = engine;
        _models = models;
        _types = types;
        foreach (var element in models.SelectMany(m => m.Elements).Where(Invocable))
        {
            // By name before id, the first model first; each model's namespace also finds its own elements.
            _invocable.TryAdd((null, element.Name), element);
            _invocable.TryAdd((element.Owner.Namespace, element.Name), element);
        }

        foreach (var element in models.SelectMany(m => m.Elements).Where(Invocable))
        {
            _invocable.TryAdd((null, element.Id), element);
            _invocable.TryAdd((element.Owner.Namespace, element.Id), element);
        }

        Decisions = [.. models.SelectMany(m => m.Elements.OfType<Decision>().Select(d => new DmnDecisionInfo(d.Id, d.Name, m.Namespace, m.Name, m.Source, false, BoxedExpression.KindOf(d.Logic), d.VersionTag)))
            .Concat(models.SelectMany(m => m.Elements.OfType<DecisionService>().Select(s => new DmnDecisionInfo(s.Id, s.Name, m.Namespace, m.Name, m.Source, true, "decisionService"))))];
    }

    /// <summary>Every decision and decision service of the models.</summary>
    public IReadOnlyList<DmnDecisionInfo> Decisions { get; }

    /// <summary>
    /// Evaluates a decision, decision service or business knowledge model (by name or id) of the model <paramref name="model"/>
    /// (its namespace, name or source name; any model when null) with <paramref name="variables"/> as the input data (a decision
    /// service's parameters, a knowledge model's arguments, by name).
    /// </summary>
    /// <exception cref="DmnEvaluationException">The decision is unknown, or its evaluation failed (a hit policy violated, a value not allowed…).</exception>
    public DmnDecisionResult Evaluate(string? model, string decision, IFeelScope? variables)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var element = (model is null ? _invocable.GetValueOrDefault((null, decision)) : _invocable.GetValueOrDefault((model, decision)) ?? Find(model, decision))
            ?? throw new DmnEvaluationException(model is not null && !_models.Any(m => Names(m, model))
                ? $"no model is named '{model}' (give its namespace, name or file name)"
                : $"no decision, decision service or business knowledge model '{decision}' is in {(model is null ? "the models" : $"model '{model}'")}", null, decision);
        return new Evaluator(_engine.Feel, _types).Run(element, variables ?? FeelContext.Empty);
    }

    /// <summary>The namespace of the (first) model, as <see cref="Evaluate"/> takes it.</summary>
    public string Namespace => _models[0].Namespace;

    /// <summary>The <c>id</c> of the first model's definitions (Camunda's decision requirements id), or its name when it has none.</summary>
    public string DefinitionsId => _models[0].Id ?? _models[0].Name;

    /// <summary>The name of the first model's definitions.</summary>
    public string Name => _models[0].Name;

    private static bool Invocable(DrgElement element) => element is Decision or DecisionService or KnowledgeModel;

    /// <summary>An element of a model named by its name, source or file name rather than its namespace.</summary>
    private DrgElement? Find(string model, string decision)
    {
        var elements = _models.Where(m => Names(m, model)).SelectMany(m => m.Elements).Where(Invocable).ToList();
        return elements.FirstOrDefault(e => e.Name == decision) ?? elements.FirstOrDefault(e => e.Id == decision);
    }

    private static bool Names(Definitions definitions, string model) =>
        definitions.Namespace == model || definitions.Name == model || definitions.Source == model ||
        Path.GetFileName(definitions.Source) == model || Path.GetFileNameWithoutExtension(definitions.Source) == model;
}
