using System.Xml.Linq;
using Orchestrator.Engine.Elements.IntermediateCatchEvents;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.BoundaryEvents;

/// <summary>
/// The boundary event: attached to an activity of its scope, it waits while that activity runs (timer, message, signal) or
/// catches what the activity throws (error, escalation); interrupting unless <c>cancelActivity="false"</c>. A compensation
/// boundary event leads by an association to the activity's handler instead.
/// </summary>
internal sealed class BoundaryEventType() : ElementType(ElementKind.BoundaryEvent, "boundaryEvent", new PassThroughBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions) =>
        node.Interrupting = (string?)element.Attribute("cancelActivity") != "false";

    public override void Link(BpmnParser parser, FlowNode node, XElement element)
    {
        var attachedTo = BpmnParser.Reference(element, "attachedToRef");
        if (attachedTo is null || parser.FindElement(attachedTo) is not { } activity || activity.Parent != node.Parent || !activity.IsActivity)
        {
            parser.Problem(element, node.Id, $"the boundary event is attached to '{attachedTo}', which is not an activity of the same scope");
            return;
        }

        node.AttachedTo = activity;
        activity.AddBoundaryEvent(node);
    }

    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        switch (node.Event.Kind)
        {
            case EventKind.Message:
                MessageCatch.RequireCorrelationKey(parser, node, element);
                break;
            case EventKind.Error when !node.Interrupting:
                parser.Problem(element, node.Id, "an error boundary event is always interrupting");
                break;
            case EventKind.Timer or EventKind.Error or EventKind.Escalation or EventKind.Signal:
                break;
            case EventKind.Compensation when node.Outgoing.Count > 0:
                parser.Problem(element, node.Id, "a compensation boundary event has no outgoing sequence flows; an association ties it to its handler");
                break;
            case EventKind.Compensation:
                break;
            default:
                parser.Problem(element, node.Id, $"a boundary event needs a timer, message, error, escalation, signal or compensation definition, not {node.Event.Kind.ToString().ToLowerInvariant()}");
                break;
        }

        if (node.Incoming.Count > 0)
        {
            parser.Problem(element, node.Id, "a boundary event has no incoming sequence flows");
        }
    }
}
