using System.Diagnostics.CodeAnalysis;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.MultiInstanceBodies;

/// <summary>
/// What a multi-instance completion condition sees, as Zeebe evaluates it while an inner instance completes: the body's counts
/// first — <c>numberOfInstances</c> (inner instances started), <c>numberOfActiveInstances</c> (the others still active),
/// <c>numberOfCompletedInstances</c> (this one included), <c>numberOfTerminatedInstances</c> (none: an inner instance is
/// terminated only with its body or once the condition held) — then the inner instance's variables.
/// </summary>
internal sealed class CompletionConditionScope(ElementInstance body, ElementInstance inner) : IFeelScope
{
    public bool TryGetVariable(string name, [MaybeNullWhen(false)] out FeelValue value)
    {
        value = name switch
        {
            "numberOfInstances" => FeelNumber.Of(body.LoopStarted),
            "numberOfActiveInstances" => FeelNumber.Of(body.ActiveChildren - 1),
            "numberOfCompletedInstances" => FeelNumber.Of(body.LoopCompleted + 1),
            "numberOfTerminatedInstances" => FeelNumber.Of(0),
            _ => null,
        };
        return value is not null || new VariableScope(inner).TryGetVariable(name, out value);
    }
}
