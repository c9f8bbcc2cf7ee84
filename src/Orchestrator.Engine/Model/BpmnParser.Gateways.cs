using System.Xml.Linq;

namespace Orchestrator.Engine.Model;

/// <summary>Gateways: the checks of their outgoing flows.</summary>
public sealed partial class BpmnParser
{
    private void ValidateGateway(FlowNode node, XElement element)
    {
        if (node.Outgoing.Count == 0)
        {
            Problem(element, node.Id, $"the {KindName(node)} has no outgoing sequence flow");
            return;
        }

        switch (node.Kind)
        {
            case ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway when node.Outgoing.Count > 1:
                foreach (var flow in node.Outgoing.Where(f => f.Condition is null && f != node.DefaultFlow && !_flowsWithConditionText.Contains(f.Id)))
                {
                    Problem(element, flow.Id, $"the flow leaves {KindName(node)} '{node.Id}' without a condition and is not its default flow, so it can never be taken on purpose");
                }

                break;
            case ElementKind.ParallelGateway when node.Outgoing.Any(f => f.Condition is not null):
                Problem(element, node.Id, "flows leaving a parallel gateway have no conditions");
                break;
            case ElementKind.EventBasedGateway:
                if (node.Outgoing.Count < 2)
                {
                    Problem(element, node.Id, "an event-based gateway needs at least two outgoing flows");
                }

                foreach (var flow in node.Outgoing.Where(f => !IsEventGatewayTarget(f.Target)))
                {
                    Problem(element, flow.Id, $"a flow leaving an event-based gateway must lead to a message, timer or signal intermediate catch event or a receive task, not '{flow.Target.Id}'");
                }

                break;
        }
    }

    private static bool IsEventGatewayTarget(FlowNode target) =>
        target.Kind == ElementKind.ReceiveTask
        || (target.Kind == ElementKind.IntermediateCatchEvent && target.Event.Kind is EventKind.Message or EventKind.Timer or EventKind.Signal);
}
