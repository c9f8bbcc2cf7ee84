using System.Xml.Linq;
using Orchestrator.Engine.Model;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Elements.ServiceTasks;

/// <summary>Service, send and business rule tasks: a job of their task type for a worker (Zeebe's job worker tasks).</summary>
internal sealed class ServiceTaskType(ElementKind kind, string xmlName) : ElementType(kind, xmlName, new JobWorkerBehavior())
{
    public override void Read(BpmnParser parser, FlowNode node, XElement element, XElement? extensions)
    {
        if (extensions?.Element(Zeebe + "calledDecision") is { } decision)
        {
            parser.Problem(decision, node.Id, "business rule tasks that call a DMN decision are not supported yet; use a task definition (job worker)");
            parser.MarkRefused(node.Id);
        }
    }

    public override void Validate(BpmnParser parser, FlowNode node, XElement element) => RequireJobType(parser, node, element);

    /// <summary>An element that runs as a job needs a task type.</summary>
    internal static void RequireJobType(BpmnParser parser, FlowNode node, XElement element)
    {
        if (node.JobType is null)
        {
            parser.Problem(element, node.Id, $"{BpmnParser.KindName(node)} needs a task type (zeebe:taskDefinition type)");
        }
    }
}
