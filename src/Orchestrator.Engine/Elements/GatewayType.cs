using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements;

/// <summary>What every gateway checks: it has a way out. Each gateway kind adds the checks of its outgoing flows.</summary>
internal abstract class GatewayType(ElementKind kind, string xmlName, IElementBehavior behavior) : ElementType(kind, xmlName, behavior)
{
    public sealed override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Outgoing.Count == 0)
        {
            parser.Problem(element, node.Id, $"the {BpmnParser.KindName(node)} has no outgoing sequence flow");
            return;
        }

        ValidateFlows(parser, node, element);
    }

    /// <summary>The checks of the gateway's outgoing flows (there is at least one).</summary>
    protected abstract void ValidateFlows(BpmnParser parser, FlowNode node, XElement element);
}
