using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.ScriptTasks;

/// <summary>The script task: a FEEL expression (<c>zeebe:script</c>) into a result variable, or a job of its task type.</summary>
internal sealed class ScriptTaskType() : ElementType(ElementKind.ScriptTask, "scriptTask", new ScriptTaskBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
        if (extensions?.Element(Zeebe + "script") is { } script)
        {
            node.Script = parser.Expression(script, node.Id, "expression", (string?)script.Attribute("expression"));
            node.ScriptResultVariable = (string?)script.Attribute("resultVariable");
        }
    }

    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.Script is null && node.JobType is null)
        {
            parser.Problem(element, node.Id, "a script task needs a FEEL script (zeebe:script) or a task type (zeebe:taskDefinition)");
        }
        else if (node.Script is not null && string.IsNullOrWhiteSpace(node.ScriptResultVariable))
        {
            parser.Problem(element, node.Id, "a script task needs a result variable (zeebe:script resultVariable)");
        }
    }
}
