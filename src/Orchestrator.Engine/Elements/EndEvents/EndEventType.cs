using System.Xml.Linq;
using Orchestrator.Engine.Elements.IntermediateThrowEvents;
using Orchestrator.Engine.Elements.ServiceTasks;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.EndEvents;

/// <summary>The end event: ends its path, throwing its event (error, escalation, signal, message job, compensation, terminate) on the way.</summary>
internal sealed class EndEventType() : ElementType(ElementKind.EndEvent, "endEvent", new ThrowEventBehavior())
{
    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        switch (node.Event.Kind)
        {
            case EventKind.Error when node.Event.ErrorCode is null:
                parser.Problem(element, node.Id, "an error end event needs an error with an error code");
                break;
            case EventKind.Escalation when node.Event.EscalationCode is null:
                parser.Problem(element, node.Id, "an escalation end event needs an escalation with an escalation code");
                break;
            case EventKind.Message:
                ServiceTaskType.RequireJobType(parser, node, element);
                break;
            case EventKind.Timer or EventKind.Link:
                parser.Problem(element, node.Id, $"a {node.Event.Kind.ToString().ToLowerInvariant()} end event is not valid BPMN");
                break;
        }
    }
}
