using System.Collections.Frozen;
using Orchestrator.Engine.Elements.AdHocSubProcesses;
using Orchestrator.Engine.Elements.BoundaryEvents;
using Orchestrator.Engine.Elements.CallActivities;
using Orchestrator.Engine.Elements.EndEvents;
using Orchestrator.Engine.Elements.EventBasedGateways;
using Orchestrator.Engine.Elements.EventSubProcesses;
using Orchestrator.Engine.Elements.ExclusiveGateways;
using Orchestrator.Engine.Elements.InclusiveGateways;
using Orchestrator.Engine.Elements.IntermediateCatchEvents;
using Orchestrator.Engine.Elements.IntermediateThrowEvents;
using Orchestrator.Engine.Elements.MultiInstanceBodies;
using Orchestrator.Engine.Elements.ParallelGateways;
using Orchestrator.Engine.Elements.Processes;
using Orchestrator.Engine.Elements.ReceiveTasks;
using Orchestrator.Engine.Elements.ScriptTasks;
using Orchestrator.Engine.Elements.ServiceTasks;
using Orchestrator.Engine.Elements.StartEvents;
using Orchestrator.Engine.Elements.SubProcesses;
using Orchestrator.Engine.Elements.Tasks;
using Orchestrator.Engine.Elements.UserTasks;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Elements;

/// <summary>Every element kind the engine reads and runs, one row each: adding a kind is a folder under <c>Elements/</c> and a row here.</summary>
internal static class ElementTable
{
    private static readonly ElementType[] Rows =
    [
        new ProcessType(),
        new SubProcessType(),
        new EventSubProcessType(),
        new AdHocSubProcessType(),
        new CallActivityType(),
        new StartEventType(),
        new EndEventType(),
        new IntermediateCatchEventType(),
        new IntermediateThrowEventType(),
        new BoundaryEventType(),
        new ServiceTaskType(ElementKind.ServiceTask, "serviceTask"),
        new ServiceTaskType(ElementKind.SendTask, "sendTask"),
        new ServiceTaskType(ElementKind.BusinessRuleTask, "businessRuleTask"),
        new ScriptTaskType(),
        new ReceiveTaskType(),
        new UserTaskType(),
        new TaskType(ElementKind.ManualTask, "manualTask"),
        new TaskType(ElementKind.Task, "task"),
        new ExclusiveGatewayType(),
        new ParallelGatewayType(),
        new InclusiveGatewayType(),
        new EventBasedGatewayType(),
    ];

    private static readonly ElementType[] ByKind = Rows.OrderBy(r => (int)r.Kind).ToArray();
    private static readonly FrozenDictionary<string, ElementType> ByXmlName =
        Rows.Where(r => r.XmlName is not null).ToFrozenDictionary(r => r.XmlName!, StringComparer.Ordinal);

    private static readonly MultiInstanceBehavior MultiInstanceBody = new();

    /// <summary>The type of a BPMN element by its local name, if the engine runs it.</summary>
    public static bool TryFind(string xmlName, out ElementType type) => ByXmlName.TryGetValue(xmlName, out type!);

    /// <summary>The type of an element kind.</summary>
    public static ElementType For(ElementKind kind) => ByKind[(int)kind];

    /// <summary>The behaviour of an element instance: a multi-instance body's own, else its element kind's.</summary>
    public static IElementBehavior BehaviorOf(ElementInstance element) => element.IsMultiInstanceBody ? MultiInstanceBody : ByKind[(int)element.Node.Kind].Behavior;

    /// <summary>The behaviour of an element kind.</summary>
    public static IElementBehavior BehaviorOf(FlowNode node) => ByKind[(int)node.Kind].Behavior;
}
