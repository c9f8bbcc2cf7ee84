using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.EventBasedGateways;

/// <summary>An event-based gateway: subscribes to the events after it; the first that happens decides the path.</summary>
internal sealed class EventBasedGatewayBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        foreach (var flow in element.Node.Outgoing)
        {
            if (!runner.Events.Subscribe(instance, element, flow.Target))
            {
                runner.Events.CloseSubscriptions(element);
                return;
            }
        }
    }

    /// <summary>The first event after the gateway decides: the gateway completes, and the flow to that event carries it on.</summary>
    public void OnEvent(Runner runner, ProcessInstance instance, ElementInstance element, FlowNode catchElement, Dictionary<string, FeelValue>? variables, Subscription subscription)
    {
        runner.Events.CloseSubscriptions(element);
        element.TriggeredBy = catchElement;
        element.InterruptVariables = variables;
        runner.Complete(instance, element);
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) =>
        element.Node.Outgoing.Where(f => f.Target == element.TriggeredBy).ToList();
}
