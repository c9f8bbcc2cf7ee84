using System.Xml.Linq;
using Orchestrator.Engine.State;
using static Orchestrator.Engine.Model.BpmnNames;

namespace Orchestrator.Engine.Model;

/// <summary>Execution and task listeners: reading <c>zeebe:executionListeners</c> and <c>zeebe:taskListeners</c> and the refusals Zeebe makes.</summary>
public sealed partial class BpmnParser
{
    /// <summary>
    /// <c>zeebe:taskListeners</c> of a Camunda user task: jobs run one at a time when the task is being created, assigned,
    /// updated, completed or canceled (Camunda's older event names accepted).
    /// </summary>
    internal List<ListenerDefinition> ReadTaskListeners(FlowNode node, XElement element)
    {
        var read = new List<ListenerDefinition>();
        if (element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "userTask") is null)
        {
            RefuseTaskListeners(node, element);
            return read;
        }

        foreach (var listener in TaskListeners(element))
        {
            var eventType = (string?)listener.Attribute("eventType");
            ListenerEventType? type = eventType switch
            {
                "creating" or "create" => ListenerEventType.Creating,
                "assigning" or "assignment" => ListenerEventType.Assigning,
                "updating" or "update" => ListenerEventType.Updating,
                "completing" or "complete" => ListenerEventType.Completing,
                "canceling" or "cancel" => ListenerEventType.Canceling,
                _ => null,
            };
            if (type is null && _stored)
            {
                // Deployed by a version that ignored task listeners: the instances that ran without them go on without them.
                continue;
            }

            if (type is null)
            {
                Problem(listener, node.Id, $"a task listener's eventType must be creating, assigning, updating, completing or canceling, not '{eventType}'");
            }
            else if (ReadListener(listener, node.Id, type.Value, "a task listener") is { } definition)
            {
                read.Add(definition);
            }
        }

        return read;
    }

    /// <summary>Task listeners anywhere but on a Camunda user task are refused, as Zeebe refuses them.</summary>
    private void RefuseTaskListeners(FlowNode node, XElement element)
    {
        if (TaskListeners(element).FirstOrDefault() is { } listener && !_stored)
        {
            Problem(listener, node.Id, "Task listeners are only allowed on Camunda user tasks.");
        }
    }

    private static IEnumerable<XElement> TaskListeners(XElement element) =>
        element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "taskListeners")?.Elements(Zeebe + "taskListener") ?? [];

    /// <summary>
    /// <c>zeebe:executionListeners</c>: jobs run one at a time before the element's work (start, after its input mappings) and
    /// after it (end, after its output mappings), refused where Zeebe refuses them: start listeners on start and boundary events,
    /// end listeners on gateways and error end events, any on compensation boundary events, a type twice for one event.
    /// </summary>
    private void ReadExecutionListeners(XElement element, FlowNode node)
    {
        var listeners = element.Element(Bpmn + "extensionElements")?.Element(Zeebe + "executionListeners")?.Elements(Zeebe + "executionListener").ToList();
        if (listeners is not { Count: > 0 })
        {
            return;
        }

        var start = new List<ListenerDefinition>();
        var end = new List<ListenerDefinition>();
        foreach (var listener in listeners)
        {
            var eventType = (string?)listener.Attribute("eventType");
            var list = eventType switch
            {
                "start" => start,
                "end" => end,
                _ => null,
            };
            if (list is null)
            {
                Problem(listener, node.Id, $"an execution listener's eventType must be 'start' or 'end', not '{eventType}'");
                continue;
            }

            if (ReadListener(listener, node.Id, eventType == "start" ? ListenerEventType.Start : ListenerEventType.End, "an execution listener") is { } definition)
            {
                list.Add(definition);
            }
        }

        var boundary = node.Kind == ElementKind.BoundaryEvent;
        if (boundary && node.Event.Kind == EventKind.Compensation)
        {
            Problem(listeners[0], node.Id, "Execution listeners of type 'start' and 'end' are not supported by [compensation] boundary events");
        }
        else if (start.Count > 0 && node.Kind is ElementKind.StartEvent or ElementKind.BoundaryEvent)
        {
            Problem(listeners[0], node.Id, $"Execution listeners of type 'start' are not supported by {(boundary ? "boundary" : "start")} events");
        }

        if (end.Count > 0 && node.Kind is ElementKind.ExclusiveGateway or ElementKind.InclusiveGateway or ElementKind.ParallelGateway or ElementKind.EventBasedGateway)
        {
            Problem(listeners[0], node.Id, "Execution listeners of type 'end' are not supported by gateway element");
        }
        else if (end.Count > 0 && node.Kind == ElementKind.EndEvent && node.Event.Kind == EventKind.Error)
        {
            Problem(listeners[0], node.Id, "Execution listeners of type 'end' are not supported by [error] end events");
        }

        foreach (var (eventType, list) in new[] { ("start", start), ("end", end) })
        {
            foreach (var twice in list.GroupBy(l => l.Type.Text, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Problem(listeners[0], node.Id, $"Found '{twice.Count()}' duplicates based on eventType[{eventType}] and type[{twice.Key}], these combinations should be unique.");
            }
        }

        node.StartListeners = start;
        node.EndListeners = end;
    }

    /// <summary>One listener's job type and retries (both literal or FEEL; retries default to 3).</summary>
    private ListenerDefinition? ReadListener(XElement listener, string id, ListenerEventType eventType, string what)
    {
        var typeText = (string?)listener.Attribute("type");
        if (string.IsNullOrWhiteSpace(typeText))
        {
            Problem(listener, id, $"{what}: Attribute 'type' must be present and not empty");
            return null;
        }

        var retriesText = (string?)listener.Attribute("retries");
        if (retriesText is not null && string.IsNullOrWhiteSpace(retriesText))
        {
            Problem(listener, id, $"{what}: Attribute 'retries' must not be empty");
            return null;
        }

        var type = Expression(listener, id, $"{what}'s type", typeText);
        var retries = Expression(listener, id, $"{what}'s retries", retriesText);
        WholeNumber(listener, id, $"{what}'s retries", retries, 0, int.MaxValue);
        return type is null || (retriesText is not null && retries is null) ? null : new ListenerDefinition(eventType, type, retries, Line(listener));
    }
}
