using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.ServiceTasks;

/// <summary>
/// Service, send and business rule tasks: a job of their task type for a worker (Zeebe's job worker tasks); a business rule task
/// with <c>zeebe:calledDecision</c> evaluates a deployed DMN decision instead.
/// </summary>
internal sealed class ServiceTaskType(ElementKind kind, string xmlName)
    : ElementType(kind, xmlName, kind == ElementKind.BusinessRuleTask ? new BusinessRuleTaskBehavior() : new JobWorkerBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
        if (extensions?.Element(Zeebe + "calledDecision") is not { } decision)
        {
            return;
        }

        if (Kind != ElementKind.BusinessRuleTask)
        {
            parser.Problem(decision, node.Id, "only a business rule task can call a decision (zeebe:calledDecision)");
            return;
        }

        var decisionId = parser.Expression(decision, node.Id, "decisionId", (string?)decision.Attribute("decisionId"));
        var resultVariable = (string?)decision.Attribute("resultVariable");
        var binding = (string?)decision.Attribute("bindingType") ?? "latest";
        var versionTag = (string?)decision.Attribute("versionTag");
        if (decisionId is null || string.IsNullOrWhiteSpace(decisionId.Text))
        {
            parser.Problem(decision, node.Id, "a business rule task's zeebe:calledDecision needs a decisionId");
        }
        else if (string.IsNullOrWhiteSpace(resultVariable))
        {
            parser.Problem(decision, node.Id, "a business rule task's zeebe:calledDecision needs a resultVariable");
        }
        else if (binding is not ("latest" or "deployment" or "versionTag"))
        {
            parser.Problem(decision, node.Id, $"unknown bindingType '{binding}' (latest, deployment or versionTag)");
        }
        else if (binding == "versionTag" && string.IsNullOrWhiteSpace(versionTag))
        {
            parser.Problem(decision, node.Id, "bindingType versionTag needs a versionTag");
        }
        else
        {
            node.CalledDecision = new CalledDecisionDefinition { DecisionId = decisionId, ResultVariable = resultVariable, BindingType = binding, VersionTag = versionTag };
        }
    }

    public override void Validate(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.CalledDecision is not null)
        {
            if (node.JobType is not null)
            {
                parser.Problem(element, node.Id, "a business rule task either calls a decision (zeebe:calledDecision) or is a job (zeebe:taskDefinition), not both");
            }

            return;
        }

        if (Kind == ElementKind.BusinessRuleTask && node.JobType is null)
        {
            parser.Problem(element, node.Id, "a business rule task needs a called decision (zeebe:calledDecision) or a task type (zeebe:taskDefinition)");
            return;
        }

        RequireJobType(parser, node, element);
    }

    /// <summary>An element that runs as a job needs a task type.</summary>
    internal static void RequireJobType(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.JobType is null)
        {
            parser.Problem(element, node.Id, $"{BpmnParser.KindName(node)} needs a task type (zeebe:taskDefinition type)");
        }
    }
}
