using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Variables, as a behaviour the runner and the element behaviours share (after Zeebe's variable mapping behaviour): scopes,
/// local writes, propagation, input and output mappings, and expression evaluation that turns FEEL failures into incidents.
/// A view over the command's runner: taking it allocates nothing.
/// </summary>
internal readonly struct VariableBehavior(Runner runner)
{
    public static VariableScope ScopeOf(ElementInstance element) => new(element);

    /// <summary>
    /// Sets a variable on an element instance and records it (a durable store keeps each variable from its record). The last
    /// guard of the <see cref="EngineOptions.Limits"/>: what got past the checks where values enter (a value built up by
    /// dotted output targets or a multi-instance output collection) refuses the command instead of being stored.
    /// </summary>
    public void SetLocal(ProcessInstance instance, ElementInstance element, string name, FeelValue value)
    {
        var limits = runner.Options.Limits;
        if (value.Depth > limits.MaxDepth)
        {
            Refuse(limits.CheckDepth($"variable '{name}' at '{element.Node.Id}'", value.Depth)!);
        }

        var json = FeelJson.ToJsonString(value);
        // A character takes at most three UTF-8 bytes: only long text is worth counting.
        if (json.Length > limits.MaxBytes / 3)
        {
            var bytes = System.Text.Encoding.UTF8.GetByteCount(json);
            if (bytes > limits.MaxBytes)
            {
                Refuse(limits.CheckSize($"variable '{name}' at '{element.Node.Id}'", bytes)!);
            }
        }

        var variables = element.Variables ??= new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        var intent = variables.ContainsKey(name) ? RecordIntent.Updated : RecordIntent.Created;
        variables[name] = value;
        runner.History(instance, element.Key, RecordValueType.Variable, intent, name, json);

        static void Refuse(LimitViolation violation) =>
            throw new EngineException(violation.TooLarge ? EngineError.TooLarge : EngineError.InvalidArgument, violation.Message);
    }

    /// <summary>Sets each variable on the nearest scope from <paramref name="from"/> up that has it, else on the process.</summary>
    public void Propagate(ProcessInstance instance, ElementInstance from, IReadOnlyDictionary<string, FeelValue>? variables)
    {
        if (variables is Dictionary<string, FeelValue> dictionary)
        {
            // The dictionary's own enumerator: through the interface it would be boxed for every completion.
            foreach (var (name, value) in dictionary)
            {
                PropagateOne(instance, from, name, value);
            }
        }
        else if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                PropagateOne(instance, from, name, value);
            }
        }
    }

    private void PropagateOne(ProcessInstance instance, ElementInstance from, string name, FeelValue value)
    {
        var target = from;
        for (var scope = from; scope is not null; scope = scope.Scope)
        {
            target = scope;
            if (scope.Variables?.ContainsKey(name) == true || (scope.Node.Kind == ElementKind.AdHocSubProcess && !scope.IsMultiInstanceBody))
            {
                // Variables written inside an ad-hoc subprocess stay in its scope.
                break;
            }
        }

        SetLocal(instance, target, name, value);
    }

    /// <summary>Input mappings, in order, as local variables; each sees the ones before it.</summary>
    public bool ApplyInputs(ProcessInstance instance, ElementInstance element)
    {
        foreach (var mapping in element.Node.Inputs)
        {
            if (!TryEvaluate(instance, element, mapping.Source, IncidentType.IoMappingError, $"input mapping '{mapping.Target}'", out var value))
            {
                return false;
            }

            var results = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            var root = RootName(mapping.Target);
            if (element.Variables?.GetValueOrDefault(root) is { } existing)
            {
                results[root] = existing;
            }

            Assign(results, mapping.Target, value);
            SetLocal(instance, element, root, results[root]);
        }

        return true;
    }

    public bool ApplyOutputs(ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables)
    {
        var node = element.Node;
        if (node.CallActivity is not null && variables is not null && variables.ContainsKey(Tracking.TrackingToken.VariableName))
        {
            // A case keeps its own tracking link: a called instance's never replaces it.
            variables = new Dictionary<string, FeelValue>(variables, StringComparer.Ordinal);
            variables.Remove(Tracking.TrackingToken.VariableName);
        }

        if (node.Outputs.Count == 0)
        {
            // Without output mappings a call activity hands back its child's variables only when told to.
            if (variables is { Count: > 0 } && node.CallActivity is not { PropagateAllChildVariables: false })
            {
                Propagate(instance, element, variables);
            }

            return true;
        }

        foreach (var (name, value) in variables ?? [])
        {
            SetLocal(instance, element, name, value);
        }

        var results = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        foreach (var mapping in node.Outputs)
        {
            if (!TryEvaluate(instance, element, mapping.Source, IncidentType.IoMappingError, $"output mapping '{mapping.Target}'", out var value))
            {
                return false;
            }

            var root = RootName(mapping.Target);
            if (!results.ContainsKey(root) && root != mapping.Target && ScopeOf(element.Scope!).TryGetVariable(root, out var existing))
            {
                results[root] = existing;
            }

            Assign(results, mapping.Target, value);
        }

        Propagate(instance, element.Scope!, results);
        return true;
    }

    private static string RootName(string target) => target.Split('.')[0];

    /// <summary>Writes a value to a possibly dotted target (<c>a.b.c</c> puts into nested contexts).</summary>
    private static void Assign(Dictionary<string, FeelValue> results, string target, FeelValue value)
    {
        var path = target.Split('.');
        if (path.Length == 1)
        {
            results[target] = value;
            return;
        }

        results[path[0]] = Put(results.GetValueOrDefault(path[0]) as FeelContext ?? FeelContext.Empty, path, 1, value);
    }

    private static FeelContext Put(FeelContext context, string[] path, int index, FeelValue value)
    {
        if (index == path.Length - 1)
        {
            return context.With(path[index], value);
        }

        var inner = context.TryGetValue(path[index], out var existing) && existing is FeelContext c ? c : FeelContext.Empty;
        return context.With(path[index], Put(inner, path, index + 1, value));
    }

    /// <summary>Evaluates an expression at an element; on a FEEL failure raises an incident of <paramref name="type"/> and returns false.</summary>
    public bool TryEvaluate(ProcessInstance instance, ElementInstance element, ModelExpression expression, IncidentType type, string what, out FeelValue value)
    {
        var result = expression.Evaluate(ScopeOf(element));
        value = result.Value;
        if (value is FeelNull && result.HasWarnings)
        {
            runner.Incidents.Raise(instance, element, type, $"failed to evaluate {what} '{expression.Text}': {string.Join("; ", result.Warnings.Select(w => w.Message))}");
            return false;
        }

        // A result too big or deep to store would fail the commit (or every later load): it stops here instead.
        if (runner.Options.Limits.Check($"the result of {what} '{expression.Text}'", value) is { } violation)
        {
            runner.Incidents.Raise(instance, element, type, violation.Message);
            return false;
        }

        return true;
    }

    /// <summary>Evaluates to a string (a literal, or FEEL giving a string or number).</summary>
    public bool TryEvaluateString(ProcessInstance instance, ElementInstance element, ModelExpression expression, IncidentType type, string what, out string text)
    {
        text = string.Empty;
        if (!TryEvaluate(instance, element, expression, type, what, out var value))
        {
            return false;
        }

        switch (value)
        {
            case FeelString s:
                text = s.Value;
                return true;
            case FeelNumber n:
                text = FeelNumber.Format(n.Value);
                return true;
            default:
                runner.Incidents.Raise(instance, element, type, $"expected {what} '{expression.Text}' to be a string but it was {value.TypeName} '{value}'");
                return false;
        }
    }
}
