using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.ExclusiveGateways;

/// <summary>
/// Exclusive and inclusive gateways: conditions are evaluated in document order when the token
/// leaves; exclusive takes the first true one, inclusive every true one; otherwise the default flow;
/// otherwise (or when a condition is not a boolean) an incident CONDITION_ERROR.
/// </summary>
internal sealed class ExclusiveGatewayBehavior(bool inclusive) : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element) => runner.Complete(instance, element);

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        if (node.Outgoing.Count == 1 && node.Outgoing[0].Condition is null)
        {
            return node.Outgoing;
        }

        List<SequenceFlow>? taken = null;
        var scope = VariableBehavior.ScopeOf(element);
        foreach (var flow in node.Outgoing)
        {
            if (flow.Condition is null)
            {
                continue;
            }

            var result = flow.Condition.Evaluate(scope);
            if (result.Value is not FeelBoolean condition)
            {
                var why = result.HasWarnings ? ": " + string.Join("; ", result.Warnings.Select(w => w.Message)) : string.Empty;
                runner.Incidents.Raise(instance, element, IncidentType.ConditionError,
                    $"Expected the condition '{flow.Condition.Text}' of flow '{flow.Id}' to be a boolean but it was {result.Value.TypeName}{why}");
                return null;
            }

            if (condition.Value)
            {
                if (!inclusive)
                {
                    return [flow];
                }

                (taken ??= []).Add(flow);
            }
        }

        if (taken is not null)
        {
            return taken;
        }

        if (node.DefaultFlow is { } defaultFlow)
        {
            return [defaultFlow];
        }

        runner.Incidents.Raise(instance, element, IncidentType.ConditionError,
            $"Expected at least one condition to evaluate to true, or to have a default flow, but no condition of '{node.Id}' was true");
        return null;
    }
}
