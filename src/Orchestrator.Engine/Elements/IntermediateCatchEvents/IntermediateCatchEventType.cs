using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.IntermediateCatchEvents;

/// <summary>The intermediate catch event: waits for a message, a timer or a signal; a link catch is where a link throw continues.</summary>
internal sealed class IntermediateCatchEventType() : ElementType(ElementKind.IntermediateCatchEvent, "intermediateCatchEvent", new CatchEventBehavior())
{
    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        var kind = node.Event.Kind;
        if (kind == EventKind.Message)
        {
            MessageCatch.RequireCorrelationKey(parser, node, element);
        }
        else if (kind is not (EventKind.Timer or EventKind.Signal or EventKind.Link))
        {
            parser.Problem(element, node.Id, $"an intermediate catch event needs a message, timer, signal or link definition, not {kind.ToString().ToLowerInvariant()}");
        }
    }
}
