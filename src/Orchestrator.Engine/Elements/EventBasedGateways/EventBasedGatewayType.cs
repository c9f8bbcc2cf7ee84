using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.EventBasedGateways;

/// <summary>The event-based gateway: its flows lead to the events it waits for, and the first that happens decides.</summary>
internal sealed class EventBasedGatewayType() : GatewayType(ElementKind.EventBasedGateway, "eventBasedGateway", new EventBasedGatewayBehavior())
{
    protected override void ValidateFlows(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Outgoing.Count < 2)
        {
            parser.Problem(element, node.Id, "an event-based gateway needs at least two outgoing flows");
        }

        foreach (var flow in node.Outgoing.Where(f => !IsEventTarget(f.Target)))
        {
            parser.Problem(element, flow.Id, $"a flow leaving an event-based gateway must lead to a message, timer or signal intermediate catch event or a receive task, not '{flow.Target.Id}'");
        }
    }

    private static bool IsEventTarget(FlowNode target) =>
        target.Kind == ElementKind.ReceiveTask
        || (target.Kind == ElementKind.IntermediateCatchEvent && target.Event.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal);
}
