using System.Xml.Linq;
using Orchestrator.Engine.Elements.ServiceTasks;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.IntermediateThrowEvents;

/// <summary>The intermediate throw event: throws its event (none, message job, signal, escalation, link, compensation) and goes on.</summary>
internal sealed class IntermediateThrowEventType() : ElementType(ElementKind.IntermediateThrowEvent, "intermediateThrowEvent", new ThrowEventBehavior())
{
    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        var kind = node.Event.Kind;
        if (kind == EventKind.Message)
        {
            ServiceTaskType.RequireJobType(parser, node, element);
        }
        else if (kind is EventKind.Error or EventKind.Timer or EventKind.Terminate)
        {
            parser.Problem(element, node.Id, $"an intermediate throw event cannot be a {kind.ToString().ToLowerInvariant()} event");
        }
    }
}
