using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.IntermediateThrowEvents;

/// <summary>
/// Intermediate throw and end events: none, message (a job), signal (broadcast after the step),
/// escalation (caught or not), error (caught or an incident), terminate (ends the scope), link (jumps
/// to the catch event of the same name).
/// </summary>
internal sealed class ThrowEventBehavior : IElementBehavior
{
    private readonly JobWorkerBehavior _job = new();

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        var definition = node.Event;
        switch (definition.Kind)
        {
            case EventKind.Message when node.JobType is not null:
                _job.Activate(runner, instance, element);
                return;
            case EventKind.Signal:
                if (!runner.Variables.TryEvaluateString(instance, element, definition.SignalName!, IncidentType.ExtractValueError, "the signal name", out var signal))
                {
                    return;
                }

                runner.ThrowSignal(signal, VariableBehavior.ScopeOf(element).Collect());
                break;
            case EventKind.Escalation:
                if (!runner.Variables.TryEvaluateString(instance, element, definition.EscalationCode!, IncidentType.ExtractValueError, "the escalation code", out var escalation))
                {
                    return;
                }

                if (runner.Events.ThrowEscalation(instance, element, escalation))
                {
                    return;
                }

                break;
            case EventKind.Error:
                if (runner.Variables.TryEvaluateString(instance, element, definition.ErrorCode!, IncidentType.ExtractValueError, "the error code", out var code))
                {
                    runner.Events.ThrowError(instance, element, code, null, new Dictionary<string, FeelValue>(StringComparer.Ordinal), fromJob: false);
                }

                return;
            case EventKind.Compensation:
                if (runner.Compensation.ThrowCompensation(instance, element))
                {
                    // It completes when the last handler it started completed.
                    return;
                }

                break;
            case EventKind.Terminate:
                // As Zeebe: the end event completes at once; the scope completes once the siblings it terminated are gone (at
                // once, unless one waits for its canceling listeners).
                runner.TerminateChildren(instance, element.Scope!, keep: element);
                break;
        }

        runner.Complete(instance, element);
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        if (node.Kind == ElementKind.IntermediateThrowEvent && node.Event.Kind == EventKind.Link)
        {
            var target = node.Parent!.Children.First(c => c.Kind == ElementKind.IntermediateCatchEvent && c.Event.Kind == EventKind.Link && c.Event.LinkName == node.Event.LinkName);
            runner.Activate(instance, target, element.Scope!);
            return [];
        }

        return node.Outgoing;
    }
}
