using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.CallActivities;

/// <summary>The call activity: starts the process named by <c>zeebe:calledElement</c> and waits for it.</summary>
internal sealed class CallActivityType() : ElementType(ElementKind.CallActivity, "callActivity", new CallActivityBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
        if (extensions?.Element(Zeebe + "calledElement") is { } called
            && parser.Expression(called, node.Id, "processId", (string?)called.Attribute("processId")) is { } processId
            && !string.IsNullOrWhiteSpace(processId.Text))
        {
            node.CallActivity = new CallActivityDefinition
            {
                ProcessId = processId,
                BindingType = (string?)called.Attribute("bindingType") ?? "latest",
                PropagateAllChildVariables = (string?)called.Attribute("propagateAllChildVariables") != "false",
                PropagateAllParentVariables = (string?)called.Attribute("propagateAllParentVariables") != "false",
            };
        }
    }

    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.CallActivity is null)
        {
            parser.Problem(element, node.Id, "a call activity needs a called process id (zeebe:calledElement processId)");
        }
    }
}
