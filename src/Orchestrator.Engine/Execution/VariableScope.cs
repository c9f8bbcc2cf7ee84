using System.Diagnostics.CodeAnalysis;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution;

/// <summary>What an expression evaluated at an element sees: its local variables, then each enclosing scope's, inner shadowing outer.</summary>
internal sealed class VariableScope(ElementInstance element) : IFeelScope
{
    public bool TryGetVariable(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        for (var scope = element; scope is not null; scope = scope.Scope)
        {
            if (scope.Variables is { } variables && variables.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>All visible variables, inner ones winning.</summary>
    public Dictionary<string, FeelValue> Collect()
    {
        var result = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        for (var scope = element; scope is not null; scope = scope.Scope)
        {
            foreach (var (name, value) in scope.Variables ?? [])
            {
                result.TryAdd(name, value);
            }
        }

        return result;
    }
}
