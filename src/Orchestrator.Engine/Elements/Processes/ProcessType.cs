using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.Processes;

/// <summary>The process: the outermost scope, started at its none start event or by a message, timer or signal start event.</summary>
internal sealed class ProcessType() : ElementType(ElementKind.Process, null, new ProcessBehavior())
{
    public override void ValidateContent(BpmnParser parser, FlowNode scope, XElement element, IReadOnlyList<FlowNode> starts)
    {
        if (starts.Count == 0)
        {
            parser.Problem(element, scope.Id, "the process has no start event");
        }

        if (starts.Count(s => s.Event.Kind == EventKind.None) > 1)
        {
            parser.Problem(element, scope.Id, "the process has more than one none start event");
        }

        foreach (var start in starts.Where(s => s.Event.Kind is not (EventKind.None or EventKind.Message or EventKind.Timer or EventKind.Signal)))
        {
            parser.Problem(element, start.Id, $"a {start.Event.Kind.ToString().ToLowerInvariant()} start event is only allowed in an event subprocess");
        }
    }
}
