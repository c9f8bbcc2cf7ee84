using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.ParallelGateways;

/// <summary>The parallel gateway: a split takes every flow, a join waits for a token on each incoming flow (<see cref="GatewayJoins"/>).</summary>
internal sealed class ParallelGatewayType() : GatewayType(ElementKind.ParallelGateway, "parallelGateway", new PassThroughBehavior())
{
    protected override void ValidateFlows(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Outgoing.Any(f => f.Condition is not null))
        {
            parser.Problem(element, node.Id, "flows leaving a parallel gateway have no conditions");
        }
    }
}
