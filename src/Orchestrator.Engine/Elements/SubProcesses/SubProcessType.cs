using System.Xml.Linq;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Elements.SubProcesses;

/// <summary>The embedded subprocess: a scope entered at its one none start event. With <c>triggeredByEvent</c> it is an event subprocess.</summary>
internal sealed class SubProcessType() : ElementType(ElementKind.SubProcess, "subProcess", new SubProcessBehavior())
{
    public override ElementType Resolve(XElement element) =>
        (string?)element.Attribute("triggeredByEvent") == "true" ? ElementTable.For(ElementKind.EventSubProcess) : this;

    public override void ValidateContent(BpmnParser parser, FlowNode scope, XElement element, IReadOnlyList<FlowNode> starts)
    {
        if (starts.Count != 1 || starts[0].Event.Kind != EventKind.None)
        {
            parser.Problem(element, scope.Id, "an embedded subprocess needs exactly one start event, a none start event");
        }
    }
}
