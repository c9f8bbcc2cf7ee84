using System.Runtime.CompilerServices;
using Orchestrator.Dmn.Model;
using Orchestrator.Feel;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>
/// One evaluation of a decision (or decision service) and everything it requires: decisions once each, in dependency order,
/// knowledge models and services as FEEL functions, boxed expressions, decision tables with their hit policies, and DMN's type
/// conversions. Not thread-safe: one per call.
/// </summary>
internal sealed partial class Evaluator
{
    private const int MaxDepth = 200;

    private readonly FeelEngine _feel;
    private readonly TypeResolver _types;
    private readonly List<FeelWarning> _warnings = [];
    private readonly List<DmnEvaluatedDecision> _trace = [];
    private readonly Stack<Record> _records = new();
    private readonly HashSet<DrgElement> _active = [];
    private DmnEvaluationException? _pending;
    private Definitions? _owner;
    private int _depth;

    public Evaluator(FeelEngine feel, TypeResolver types)
    {
        _feel = feel;
        _types = types;
    }

    /// <summary>Evaluates a decision, a decision service or a knowledge model with the given variables.</summary>
    public DmnDecisionResult Run(DrgElement element, IFeelScope variables)
    {
        var frame = new Frame(element.Owner, variables, null);
        try
        {
            var value = element switch
            {
                Decision decision => EvaluateDecision(decision, frame),
                DecisionService service => EvaluateService(service, service.Parameters.ToDictionary(p => p, p => Coerce(InputOf(p, frame), p.TypeRef, p.Owner, p.Described))),
                KnowledgeModel knowledge => InvokeKnowledge(knowledge, variables),
                _ => throw Fail($"{element.Kind} '{element.Name}' cannot be evaluated", element),
            };
            return new DmnDecisionResult(value, _trace, _warnings);
        }
        catch (DmnEvaluationException ex) when (ex.Evaluated.Count == 0 && _trace.Count > 0)
        {
            throw new DmnEvaluationException(ex.Message, ex.DecisionId, ex.DecisionName, ex.RuleId) { Evaluated = [.. _trace] };
        }
    }

    private FeelValue InvokeKnowledge(KnowledgeModel knowledge, IFeelScope variables)
    {
        var parameters = knowledge.Logic?.Parameters ?? [];
        var arguments = parameters.Select(p => variables.TryGetVariable(p.Name, out var value) ? value : FeelNull.Instance).ToArray();
        return CallKnowledge(knowledge, arguments);
    }

    // ---------------------------------------------------------------- decisions

    private FeelValue EvaluateDecision(Decision decision, Frame frame)
    {
        if (frame.Memo.TryGetValue(decision, out var known))
        {
            return known;
        }

        if (!_active.Add(decision))
        {
            throw Fail($"decision '{decision.Name}' requires itself", decision);
        }

        try
        {
            // Camunda's decisions also see every variable of the caller (a process's variables), not only declared input data.
            var scope = new Scope(frame.Variables);
            foreach (var requirement in decision.Information)
            {
                var value = requirement.Target switch
                {
                    Decision required => EvaluateDecision(required, frame),
                    InputData input => Coerce(InputOf(input, frame), input.TypeRef, input.Owner, input.Described),
                    _ => throw Fail($"a requirement of decision '{decision.Name}' ({requirement.Href}) is not resolved", decision),
                };
                Bind(scope, decision.Owner, requirement.Target, value);
            }

            BindKnowledge(scope, decision.Owner, decision.Knowledge);
            if (decision.Logic is null)
            {
                throw Fail($"decision '{decision.Name}' has no logic to evaluate", decision);
            }

            var record = new Record(decision);
            _records.Push(record);
            var owner = _owner;
            _owner = decision.Owner;
            FeelValue result;
            try
            {
                result = Evaluate(decision.Logic, scope);
            }
            finally
            {
                _records.Pop();
                _owner = owner;
            }

            result = Coerce(result, decision.TypeRef, decision.Owner, decision.Described);
            frame.Memo[decision] = result;
            _trace.Add(new DmnEvaluatedDecision(decision.Id, decision.Name, decision.Owner.Namespace, BoxedExpression.KindOf(decision.Logic), result, record.Inputs, record.Rules));
            return result;
        }
        catch (DmnEvaluationException ex) when (ex.DecisionId is null)
        {
            var prefix = $"decision '{decision.Name}'";
            var message = ex.Message.StartsWith(prefix, StringComparison.Ordinal) ? ex.Message : $"{prefix}: {ex.Message}";
            throw new DmnEvaluationException(message, decision.Id, decision.Name, ex.RuleId);
        }
        finally
        {
            _active.Remove(decision);
        }
    }

    /// <summary>The value given for input data: from the frame's parameters, else the caller's variables (<c>prefix.name</c> for an imported model's input).</summary>
    private static FeelValue InputOf(DrgElement input, Frame frame)
    {
        if (frame.Parameters is not null)
        {
            return frame.Parameters.TryGetValue(input, out var given) ? given : FeelNull.Instance;
        }

        if (input.Owner != frame.Root && frame.Root.ImportOf(input.Owner) is { Name.Length: > 0 } import &&
            frame.Variables.TryGetVariable(import.Name, out var prefixed) && prefixed is FeelContext imported)
        {
            return imported[input.Name];
        }

        return frame.Variables.TryGetVariable(input.Name, out var value) ? value : FeelNull.Instance;
    }

    private FeelValue EvaluateService(DecisionService service, Dictionary<DrgElement, FeelValue> parameters)
    {
        Enter(service);
        try
        {
            var frame = new Frame(service.Owner, FeelContext.Empty, parameters);
            foreach (var input in service.InputDecisions.Select(r => r.Target).OfType<Decision>())
            {
                frame.Memo[input] = parameters.TryGetValue(input, out var value) ? value : FeelNull.Instance;
            }

            var outputs = service.Outputs.Select(r => r.Target).OfType<Decision>().ToList();
            var values = outputs.Select(d => EvaluateDecision(d, frame)).ToList();
            return outputs.Count == 1
                ? values[0]
                : new FeelContext(outputs.Select((d, i) => new KeyValuePair<string, FeelValue>(d.Name, values[i])));
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Makes a required element visible under its name, or <c>import.name</c> when it comes from an imported model.</summary>
    private static void Bind(Scope scope, Definitions owner, DrgElement? target, FeelValue value)
    {
        if (target is null)
        {
            return;
        }

        if (target.Owner != owner && owner.ImportOf(target.Owner) is { Name.Length: > 0 } import)
        {
            scope.SetIn(import.Name, target.Name, value);
        }
        else
        {
            scope.Set(target.Name, value);
        }
    }

    private void BindKnowledge(Scope scope, Definitions owner, List<Requirement> knowledge)
    {
        foreach (var requirement in knowledge)
        {
            FeelValue function = requirement.Target switch
            {
                KnowledgeModel model => new KnowledgeFunction(this, model),
                DecisionService service => new ServiceFunction(this, service),
                _ => FeelNull.Instance,
            };
            Bind(scope, owner, requirement.Target, function);
        }
    }

    /// <summary>Invokes a knowledge model: its parameters (converted to their types) and required knowledge are all its body sees.</summary>
    internal FeelValue CallKnowledge(KnowledgeModel model, IReadOnlyList<FeelValue> arguments)
    {
        Enter(model);
        try
        {
            if (model.Logic is null)
            {
                throw Fail($"business knowledge model '{model.Name}' has no logic", model);
            }

            var scope = new Scope(null);
            BindKnowledge(scope, model.Owner, model.Knowledge);
            return CallFunction(model.Logic, scope, arguments, model.Owner, $"business knowledge model '{model.Name}'");
        }
        finally
        {
            _depth--;
        }
    }

    /// <summary>Invokes a decision service with arguments for its input data then its input decisions.</summary>
    internal FeelValue CallService(DecisionService service, IReadOnlyList<FeelValue> arguments)
    {
        var parameters = new Dictionary<DrgElement, FeelValue>();
        var index = 0;
        foreach (var parameter in service.Parameters)
        {
            var value = index < arguments.Count ? arguments[index] : FeelNull.Instance;
            if (!TryCoerce(value, parameter.TypeRef, parameter.Owner, $"parameter '{parameter.Name}' of decision service '{service.Name}'", out var coerced))
            {
                // A call with an argument of the wrong type is not made (DMN 1.5 10.3.2.13.2).
                return FeelNull.Instance;
            }

            parameters[parameter] = coerced;
            index++;
        }

        return EvaluateService(service, parameters);
    }

    internal FeelValue CallFunction(FunctionDefinition function, Scope closure, IReadOnlyList<FeelValue> arguments, Definitions owner, string where)
    {
        if (function.Kind != "FEEL")
        {
            throw Fail($"{where} is a {function.Kind} function, which this engine does not run (only FEEL functions)", null);
        }

        var scope = new Scope(closure);
        for (var i = 0; i < function.Parameters.Count; i++)
        {
            var (name, typeRef) = function.Parameters[i];
            var value = i < arguments.Count ? arguments[i] : FeelNull.Instance;
            if (!TryCoerce(value, typeRef, owner, $"parameter '{name}' of {where}", out var coerced))
            {
                return FeelNull.Instance;
            }

            scope.Set(name, coerced);
        }

        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw Fail($"{where} calls functions more than {MaxDepth} levels deep", null);
        }

        var outer = _owner;
        _owner = owner;
        try
        {
            return Coerce(Evaluate(function.Body, scope), function.TypeRef, owner, $"the result of {where}");
        }
        finally
        {
            _owner = outer;
            _depth--;
        }
    }

    /// <summary>Records a failure met inside a FEEL call (FEEL turns exceptions into null), to be raised once FEEL returns.</summary>
    internal void Defer(DmnEvaluationException failure) => _pending ??= failure;

    private void Enter(DrgElement element)
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            throw Fail($"{element.Kind} '{element.Name}' calls itself more than {MaxDepth} levels deep", element);
        }
    }

    // ---------------------------------------------------------------- expressions

    private FeelValue Evaluate(BoxedExpression? expression, Scope scope)
    {
        var value = expression switch
        {
            null => FeelNull.Instance,
            LiteralExpression literal => Literal(literal, scope),
            DecisionTable table => EvaluateTable(table, scope),
            ContextExpression context => EvaluateContext(context, scope),
            Invocation invocation => Invoke(invocation, scope),
            Relation relation => new FeelList(relation.Rows.Select(row => (FeelValue)new FeelContext(
                relation.Columns.Select((column, i) => new KeyValuePair<string, FeelValue>(column, i < row.Length ? Evaluate(row[i], scope) : FeelNull.Instance))))),
            ListExpression list => new FeelList(list.Items.Select(item => Evaluate(item, scope))),
            FunctionDefinition function => new BoxedFunction(this, function, scope, _owner),
            Conditional conditional => Condition(Evaluate(conditional.Condition, scope), "the condition of a conditional") switch
            {
                true => Evaluate(conditional.Then, scope),
                false => Evaluate(conditional.Otherwise, scope),
                null => FeelNull.Instance,
            },
            Filter filter => EvaluateFilter(filter, scope),
            Iterator iterator => Iterate(iterator, scope),
            _ => FeelNull.Instance,
        };
        return expression is null or FunctionDefinition ? value : Coerce(value, expression.TypeRef, _owner, "an expression");
    }

    private FeelValue Literal(LiteralExpression literal, IFeelScope scope)
    {
        if (literal.Compiled is null)
        {
            return literal.SyntaxError is { } error ? throw Fail(error, null) : FeelNull.Instance;
        }

        var result = literal.Compiled.Evaluate(scope);
        _warnings.AddRange(result.Warnings);
        if (_pending is { } failure)
        {
            throw failure;
        }

        return result.Value;
    }

    /// <summary>A context's entries in order, each seeing those before; its result entry's value when it has one, else the context.</summary>
    private FeelValue EvaluateContext(ContextExpression context, Scope scope)
    {
        var local = new Scope(scope);
        var entries = new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var (name, typeRef, expression) in context.Entries)
        {
            var value = Coerce(Evaluate(expression, local), typeRef, _owner, name is null ? "the context's result" : $"context entry '{name}'");
            if (name is null)
            {
                return value;
            }

            local.Set(name, value);
            entries[name] = value;
        }

        return new FeelContext(entries);
    }

    private FeelValue Invoke(Invocation invocation, Scope scope)
    {
        var callee = Evaluate(invocation.Callee, scope);
        if (callee is not FeelFunction function)
        {
            var name = invocation.Callee is LiteralExpression literal ? literal.Text.Trim() : "the invoked expression";
            throw Fail($"invocation of '{name}': no function of that name is in scope (is the knowledge requirement missing?)", null);
        }

        var arguments = invocation.Bindings.Select(b => new KeyValuePair<string, FeelValue>(b.Parameter, Evaluate(b.Value, scope))).ToList();
        var context = new FeelEvaluationContext(_feel.Options.Clock, _feel.Functions);
        var value = function.InvokeNamed(arguments, context);
        _warnings.AddRange(context.Warnings);
        if (_pending is { } failure)
        {
            throw failure;
        }

        return value;
    }

    private FeelValue EvaluateFilter(Filter filter, Scope scope)
    {
        var source = Evaluate(filter.Source, scope);
        var items = source is FeelList list ? list.Items : source is FeelNull ? [] : [source];
        var kept = new List<FeelValue>();
        foreach (var item in items)
        {
            var local = new Scope(scope);
            if (item is FeelContext context)
            {
                foreach (var (key, value) in context.Entries)
                {
                    local.Set(key, value);
                }
            }

            local.Set("item", item);
            switch (Evaluate(filter.Match, local))
            {
                case FeelBoolean { Value: true }:
                    kept.Add(item);
                    break;
                case FeelBoolean or FeelNull:
                    break;
                case var other:
                    _warnings.Add(new FeelWarning(FeelWarningKind.InvalidType, $"a filter's match gave {Shorten(other)}, not a boolean, so the filter is null"));
                    return FeelNull.Instance;
            }
        }

        return new FeelList(kept);
    }

    /// <summary>A condition's boolean: true or false, false for null, and null (with a warning) for any other value.</summary>
    private bool? Condition(FeelValue value, string what)
    {
        switch (value)
        {
            case FeelBoolean boolean:
                return boolean.Value;
            case FeelNull:
                return false;
            default:
                _warnings.Add(new FeelWarning(FeelWarningKind.InvalidType, $"{what} gave {Shorten(value)}, not a boolean, so it is null"));
                return null;
        }
    }

    private FeelValue Iterate(Iterator iterator, Scope scope)
    {
        var source = Evaluate(iterator.Source, scope);
        var items = source is FeelList list ? list.Items : source is FeelNull ? [] : [source];
        var results = new List<FeelValue>(items.Count);
        foreach (var item in items)
        {
            var local = new Scope(scope);
            local.Set(iterator.Variable, item);
            var value = Evaluate(iterator.Body, local);
            if (iterator.Kind == IteratorKind.For)
            {
                results.Add(value);
                continue;
            }

            switch (Condition(value, $"the {(iterator.Kind == IteratorKind.Some ? "satisfies" : "every")} expression"))
            {
                case null:
                    return FeelNull.Instance;
                case true when iterator.Kind == IteratorKind.Some:
                    return FeelBoolean.True;
                case false when iterator.Kind == IteratorKind.Every:
                    return FeelBoolean.False;
            }
        }

        return iterator.Kind switch
        {
            IteratorKind.For => new FeelList(results),
            IteratorKind.Some => FeelBoolean.False,
            _ => FeelBoolean.True,
        };
    }

    // ---------------------------------------------------------------- types

    private FeelValue Coerce(FeelValue value, string? typeRef, Definitions? owner, string what)
    {
        TryCoerce(value, typeRef, owner, what, out var coerced);
        return coerced;
    }

    /// <summary>Converts a value to a declared type; false (and null, with a warning) when it does not conform.</summary>
    private bool TryCoerce(FeelValue value, string? typeRef, Definitions? owner, string what, out FeelValue coerced)
    {
        coerced = value;
        if (typeRef is null || owner is null || value is FeelNull)
        {
            return true;
        }

        coerced = TypeResolver.Coerce(value, _types.Resolve(typeRef, owner), out var conformed);
        if (!conformed)
        {
            _warnings.Add(new FeelWarning(FeelWarningKind.InvalidType, $"{what}: the value {Shorten(value)} does not conform to its type '{typeRef}', so it is null"));
        }

        return conformed;
    }

    private static string Shorten(FeelValue value)
    {
        var text = value.ToString();
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static DmnEvaluationException Fail(string message, DrgElement? element, string? ruleId = null) =>
        new(message, element?.Id, element?.Name, ruleId);

    /// <summary>Where an evaluation gets input data: the caller's variables, or a decision service's parameters; and the decisions it already evaluated.</summary>
    private sealed class Frame(Definitions root, IFeelScope variables, Dictionary<DrgElement, FeelValue>? parameters)
    {
        public Definitions Root { get; } = root;

        public IFeelScope Variables { get; } = variables;

        public Dictionary<DrgElement, FeelValue>? Parameters { get; } = parameters;

        public Dictionary<Decision, FeelValue> Memo { get; } = [];
    }

    /// <summary>What the audit keeps of the decision being evaluated: its table's inputs and matched rules.</summary>
    private sealed class Record(Decision decision)
    {
        public Decision Decision { get; } = decision;

        public List<DmnEvaluatedInput> Inputs { get; } = [];

        public List<DmnMatchedRule> Rules { get; } = [];
    }
}
