using System.Xml.Linq;
using Orchestrator.Engine.Elements.SubProcesses;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.EventSubProcesses;

/// <summary>
/// The event subprocess (a <c>subProcess</c> with <c>triggeredByEvent="true"</c>): started by the event of its one start event
/// while its parent scope is active, interrupting that scope or beside it; a compensation one undoes its embedded subprocess.
/// </summary>
internal sealed class EventSubProcessType() : ElementType(ElementKind.EventSubProcess, null, new SubProcessBehavior())
{
    public override void ValidateContent(BpmnParser parser, FlowNode scope, XElement element, IReadOnlyList<FlowNode> starts)
    {
        if (starts.Count != 1 || starts[0].Event.Kind is EventKind.None or EventKind.Terminate or EventKind.Link)
        {
            parser.Problem(element, scope.Id, "an event subprocess needs exactly one start event with a message, timer, error, escalation, signal or compensation definition");
        }
        else if (starts[0].Event.Kind == EventKind.Compensation && scope.Parent!.Kind != ElementKind.SubProcess)
        {
            parser.Problem(element, scope.Id, "a compensation event subprocess belongs in an embedded subprocess (it undoes that subprocess)");
        }

        if (scope.Incoming.Count > 0 || scope.Outgoing.Count > 0)
        {
            parser.Problem(element, scope.Id, "an event subprocess has no incoming or outgoing sequence flows");
        }
    }
}
