using System.Xml.Linq;
using Orchestrator.Engine.Elements.ExclusiveGateways;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.InclusiveGateways;

/// <summary>The inclusive gateway: every flow whose condition holds, else the default flow; as a join it waits for what can still arrive.</summary>
internal sealed class InclusiveGatewayType() : GatewayType(ElementKind.InclusiveGateway, "inclusiveGateway", new ExclusiveGatewayBehavior(inclusive: true))
{
    protected override void ValidateFlows(BpmnParser parser, FlowNode node, XElement element) => ExclusiveGatewayType.ValidateConditions(parser, node, element);
}
