using Orchestrator.Dmn.Model;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Dmn.Evaluation;

/// <summary>
/// A DMN function as a FEEL value: FEEL calls it positionally or by parameter name; a DMN failure inside it is handed to the
/// evaluator (FEEL itself would turn it into null) and raised when FEEL returns.
/// </summary>
internal abstract class DmnFunction(Evaluator evaluator) : FeelFunction
{
    protected Evaluator Evaluator { get; } = evaluator;

    /// <summary>The parameter names, in order.</summary>
    protected abstract IReadOnlyList<string> ParameterNames { get; }

    public sealed override FeelValue Invoke(IReadOnlyList<FeelValue> arguments, FeelEvaluationContext context)
    {
        if (arguments.Count != ParameterNames.Count)
        {
            context.Warn(FeelWarningKind.FunctionInvocationFailure, $"{Name}({string.Join(", ", ParameterNames)}) expects {ParameterNames.Count} argument(s) but got {arguments.Count}");
            return FeelNull.Instance;
        }

        try
        {
            return Call(arguments);
        }
        catch (DmnEvaluationException failure)
        {
            Evaluator.Defer(failure);
            return FeelNull.Instance;
        }
    }

    public sealed override FeelValue InvokeNamed(IReadOnlyList<KeyValuePair<string, FeelValue>> arguments, FeelEvaluationContext context)
    {
        var values = new FeelValue[ParameterNames.Count];
        Array.Fill(values, FeelNull.Instance);
        foreach (var (name, value) in arguments)
        {
            var index = IndexOf(name);
            if (index < 0)
            {
                context.Warn(FeelWarningKind.FunctionInvocationFailure, $"{Name}({string.Join(", ", ParameterNames)}) has no parameter '{name}'");
                return FeelNull.Instance;
            }

            values[index] = value;
        }

        return Invoke(values, context);
    }

    protected abstract FeelValue Call(IReadOnlyList<FeelValue> arguments);

    private int IndexOf(string name)
    {
        for (var i = 0; i < ParameterNames.Count; i++)
        {
            if (string.Equals(ParameterNames[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A business knowledge model, invoked by the decisions and models that require it.</summary>
internal sealed class KnowledgeFunction(Evaluator evaluator, KnowledgeModel model) : DmnFunction(evaluator)
{
    public override string Name => model.Name;

    protected override IReadOnlyList<string> ParameterNames { get; } = [.. (model.Logic?.Parameters ?? []).Select(p => p.Name)];

    protected override FeelValue Call(IReadOnlyList<FeelValue> arguments) => Evaluator.CallKnowledge(model, arguments);
}

/// <summary>A decision service invoked as a function: its input data, then its input decisions, are the parameters.</summary>
internal sealed class ServiceFunction(Evaluator evaluator, DecisionService service) : DmnFunction(evaluator)
{
    public override string Name => service.Name;

    protected override IReadOnlyList<string> ParameterNames { get; } = [.. service.Parameters.Select(p => p.Name)];

    protected override FeelValue Call(IReadOnlyList<FeelValue> arguments) => Evaluator.CallService(service, arguments);
}

/// <summary>A function definition boxed expression: closes over the scope it was evaluated in.</summary>
internal sealed class BoxedFunction(Evaluator evaluator, FunctionDefinition function, Scope closure, Definitions? owner) : DmnFunction(evaluator)
{
    public override string Name => "anonymous";

    protected override IReadOnlyList<string> ParameterNames { get; } = [.. function.Parameters.Select(p => p.Name)];

    protected override FeelValue Call(IReadOnlyList<FeelValue> arguments) =>
        owner is null ? FeelNull.Instance : Evaluator.CallFunction(function, closure, arguments, owner, "a function definition");
}
