using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.StartEvents;

/// <summary>The start event: where a scope begins; a message, timer or signal one starts a process, any other kind an event subprocess.</summary>
internal sealed class StartEventType() : ElementType(ElementKind.StartEvent, "startEvent", new PassThroughBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions) =>
        node.Interrupting = (string?)element.Attribute("isInterrupting") != "false";

    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Parent!.Kind == ElementKind.EventSubProcess && node.Event.Kind == EventKind.Message && node.Event.CorrelationKey is null)
        {
            parser.Problem(element, node.Id, "a message start event of an event subprocess needs a correlation key (zeebe:subscription correlationKey)");
        }
    }
}
