using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.ExclusiveGateways;

/// <summary>The exclusive gateway: the first flow whose condition holds, else the default flow.</summary>
internal sealed class ExclusiveGatewayType() : GatewayType(ElementKind.ExclusiveGateway, "exclusiveGateway", new ExclusiveGatewayBehavior(inclusive: false))
{
    protected override void ValidateFlows(BpmnParser parser, FlowNode node, XElement element) => ValidateConditions(parser, node, element);

    /// <summary>With more than one way out, each flow has a condition or is the default: a flow without either is never taken on purpose.</summary>
    internal static void ValidateConditions(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Outgoing.Count < 2)
        {
            return;
        }

        foreach (var flow in node.Outgoing.Where(f => f.Condition is null && f != node.DefaultFlow && !parser.HasConditionText(f.Id)))
        {
            parser.Problem(element, flow.Id, $"the flow leaves {BpmnParser.KindName(node)} '{node.Id}' without a condition and is not its default flow, so it can never be taken on purpose");
        }
    }
}
