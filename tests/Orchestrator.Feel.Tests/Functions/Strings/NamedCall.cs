using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Strings;

/// <summary>Calls a registered function with named arguments through <see cref="FeelFunction.InvokeNamed"/>, bypassing the parser.</summary>
internal static class NamedCall
{
    public static FeelValue Invoke(string name, params (string Name, FeelValue Value)[] args) => Invoke(name, args, out _);

    public static FeelValue Invoke(string name, (string Name, FeelValue Value)[] args, out IReadOnlyList<FeelWarning> warnings)
    {
        var context = new FeelEvaluationContext(Clock, Engine.Functions);
        Assert.True(Engine.Functions.TryGet(name, out var function), $"function '{name}' is not registered");
        var result = function.InvokeNamed([.. args.Select(a => KeyValuePair.Create(a.Name, a.Value))], context);
        warnings = context.Warnings;
        return result;
    }
}
