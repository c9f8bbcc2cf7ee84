using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// Moves a running instance onto another process definition, after Camunda 8.8's process instance migration: every active
/// element continues as an element of the target with the same type in the matching scope, keeping its key, its job (and the
/// worker's lease), its user task (key, assignee, form) and its variables. An active element no instruction names continues as
/// the target's element with the same id, when there is one (Camunda requires an instruction for each; its Operate proposes the
/// same-id mapping, which we apply in the engine). Everything is checked before anything changes: a refusal changes nothing.
/// </summary>
internal static class InstanceMigration
{
    public static void Migrate(Runner runner, ProcessInstance instance, ProcessDefinition target, IReadOnlyList<MigrationMapping> mappings)
    {
        var source = instance.Definition;
        var explicitTargets = Read(source, target, mappings);
        FlowNode? MapOf(FlowNode node) =>
            explicitTargets.TryGetValue(node.Id, out var mapped) ? mapped : target.Model.Elements.GetValueOrDefault(node.Id);

        var plan = Plan(runner, instance, target, MapOf);
        var root = instance.Root!;
        instance.MigrateTo(target);
        root.MigrateTo(target.Model.Root);
        runner.History(instance, instance.Key, RecordValueType.Element, RecordIntent.Migrated, target.Model.Root.Id,
            $"{source.BpmnProcessId} v{source.Version} -> {target.BpmnProcessId} v{target.Version}");
        foreach (var (element, node) in plan)
        {
            var from = element.Node;
            element.MigrateTo(node);
            runner.History(instance, element.Key, RecordValueType.Element, RecordIntent.Migrated, node.Id, from.Id);
            if (element.JobKey is { } jobKey && runner.Store.GetJob(jobKey) is { } job)
            {
                job.MigrateTo(target, node.Id);
            }

            if (element.UserTaskKey is { } taskKey && runner.Store.GetUserTask(taskKey) is { } task)
            {
                task.MigrateTo(target, node);
            }
        }

        foreach (var element in instance.Elements.Values.ToList())
        {
            if (element.IncidentKey is { } incidentKey && runner.Store.GetIncident(incidentKey) is { } incident)
            {
                incident.MigrateTo(target, element.Node.Id);
            }

            MigrateSubscriptions(runner, instance, element, target);
        }

        instance.Revision++;
    }

    /// <summary>Checks the instructions: both elements exist, each source once.</summary>
    private static Dictionary<string, FlowNode> Read(ProcessDefinition source, ProcessDefinition target, IReadOnlyList<MigrationMapping> mappings)
    {
        var targets = new Dictionary<string, FlowNode>(StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            if (string.IsNullOrEmpty(mapping?.SourceElementId) || string.IsNullOrEmpty(mapping.TargetElementId))
            {
                throw Invalid($"mappingInstructions[{i}] needs a sourceElementId and a targetElementId");
            }

            if (!source.Model.Elements.ContainsKey(mapping.SourceElementId))
            {
                throw Invalid($"mappingInstructions[{i}].sourceElementId: '{mapping.SourceElementId}' is not an element of {Describe(source)}");
            }

            if (!target.Model.Elements.TryGetValue(mapping.TargetElementId, out var node))
            {
                throw Invalid($"mappingInstructions[{i}].targetElementId: '{mapping.TargetElementId}' is not an element of {Describe(target)}");
            }

            if (!targets.TryAdd(mapping.SourceElementId, node))
            {
                throw Invalid($"mappingInstructions[{i}].sourceElementId: '{mapping.SourceElementId}' is mapped twice");
            }
        }

        return targets;
    }

    /// <summary>Each active element with the target element it continues as, or the reason it cannot.</summary>
    private static List<(ElementInstance Element, FlowNode Target)> Plan(Runner runner, ProcessInstance instance, ProcessDefinition target, Func<FlowNode, FlowNode?> mapOf)
    {
        var root = instance.Root!;
        if (root.PendingStart is not null || root.Terminating || root.PendingStep == PendingStep.Complete || root.JobKey is not null)
        {
            throw Busy($"process instance {instance.Key} is starting or ending");
        }

        if (instance.Compensable.Count > 0)
        {
            throw Invalid($"process instance {instance.Key} has completed activities that compensation could still undo; migrating them is not supported");
        }

        var plan = new List<(ElementInstance, FlowNode)>();
        foreach (var element in instance.Elements.Values.Where(e => e != root).OrderBy(e => e.Key))
        {
            var node = element.Node;
            if (element.Terminating || element.AfterTermination is not null)
            {
                throw Busy($"element '{node.Id}' is being terminated; migrate once it is gone");
            }

            if (element.TriggeredBy is not null || element.ListenerIndex > 0 || element.TaskTransition is not null
                || element.JobKey is { } jobKey && runner.Store.GetJob(jobKey) is { Kind: not JobKind.BpmnElement })
            {
                throw Busy($"element '{node.Id}' is in the middle of a step (its listeners or an event run); migrate once it waits");
            }

            if (element.Joins is { Count: > 0 } joins)
            {
                throw Invalid($"joining gateway '{joins.Keys.First()}' in '{node.Id}' holds tokens; migrating them is not supported");
            }

            var to = mapOf(node) ?? throw Invalid(
                $"active element '{node.Id}'{Named(node)} has no mapping instruction and {Describe(target)} has no element with that id; map it to an element of the target");
            if (to.Kind != node.Kind || (node.UserTask?.IsZeebeUserTask ?? false) != (to.UserTask?.IsZeebeUserTask ?? false))
            {
                throw Invalid($"active element '{node.Id}' ({KindNames.Of(node.Kind)}) cannot become '{to.Id}' ({KindNames.Of(to.Kind)}): the element type must stay the same");
            }

            if (node.MultiInstance is not null || to.MultiInstance is not null)
            {
                throw Invalid($"active element '{node.Id}' or its target '{to.Id}' is a multi-instance activity; migrating those is not supported");
            }

            if (node.Kind is ElementKind.EventSubProcess or ElementKind.EventBasedGateway)
            {
                throw Invalid($"active element '{node.Id}' is {(node.Kind == ElementKind.EventSubProcess ? "an event subprocess" : "an event-based gateway")}; migrating it is not supported");
            }

            var scope = element.Scope!;
            var expectedParent = scope == root ? target.Model.Root : mapOf(scope.Node);
            if (to.Parent != expectedParent)
            {
                throw Invalid($"active element '{node.Id}' cannot become '{to.Id}': it would change its scope ('{to.Parent?.Id}' instead of '{expectedParent?.Id}')");
            }

            if (node.Kind is ElementKind.IntermediateCatchEvent or ElementKind.ReceiveTask && to.Event.Kind != node.Event.Kind)
            {
                throw Invalid($"active element '{node.Id}' waits for a {Lower(node.Event.Kind)} event and '{to.Id}' for a {Lower(to.Event.Kind)} event; they must be the same");
            }

            plan.Add((element, to));
        }

        if (root.Joins is { Count: > 0 } rootJoins)
        {
            throw Invalid($"joining gateway '{rootJoins.Keys.First()}' holds tokens; migrating them is not supported");
        }

        return plan;
    }

    /// <summary>
    /// The element's subscriptions follow: its own catch event continues as the target's; a boundary event or an event
    /// subprocess start the target has too (same id, same kind) keeps its subscription (a timer keeps its due date); the
    /// source's others close and the target's new ones open.
    /// </summary>
    private static void MigrateSubscriptions(Runner runner, ProcessInstance instance, ElementInstance element, ProcessDefinition target)
    {
        var node = element.Node;
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in (element.Subscriptions ?? []).ToList())
        {
            if (runner.Store.GetSubscription(key) is not { } subscription)
            {
                continue;
            }

            // Its own event (a catch event, a receive task) or one of those it owns (a boundary event, an event-subprocess start).
            var own = subscription.CatchElement.Kind is not (ElementKind.BoundaryEvent or ElementKind.StartEvent);
            var to = own ? node : Catches(node).FirstOrDefault(c => c.Id == subscription.CatchElement.Id && c.Event.Kind == subscription.Kind);
            if (to is null)
            {
                subscription.State = LifecycleState.Terminated;
                runner.Store.RemoveSubscription(subscription);
                element.Subscriptions!.Remove(key);
                if (subscription.Kind == EventKind.Timer)
                {
                    runner.AfterCommit(observer => observer.TimerCanceled(key));
                }

                continue;
            }

            subscription.MigrateTo(target, to);
            kept.Add(to.Id);
        }

        if (element.Subscriptions is { Count: 0 })
        {
            element.Subscriptions = null;
        }

        // An element still activating (an incident on its input mappings) subscribes when it is activated again.
        if (element.PendingStep == PendingStep.Activate)
        {
            return;
        }

        foreach (var added in Catches(node).Where(c => !kept.Contains(c.Id)))
        {
            if (!runner.Events.Subscribe(instance, element, added))
            {
                throw Invalid($"the target's event '{added.Id}' on '{node.Id}' cannot be opened for this instance (its timer, message name or correlation key does not evaluate)");
            }
        }
    }

    /// <summary>The catch events an active element owns in the target: its boundary events, or a scope's event-subprocess starts.</summary>
    private static IEnumerable<FlowNode> Catches(FlowNode node) => node.IsScope
        ? node.Children.Where(c => c.Kind == ElementKind.EventSubProcess && c.EventStart is not null).Select(c => c.EventStart!)
        : node.IsActivity && node.MultiInstance is null ? node.BoundaryEvents : [];

    private static string Lower(EventKind kind) => kind.ToString().ToLowerInvariant();

    private static string Describe(ProcessDefinition definition) => $"process '{definition.BpmnProcessId}' version {definition.Version}";

    private static string Named(FlowNode node) => string.IsNullOrEmpty(node.Name) ? string.Empty : $" (\"{node.Name}\")";

    private static EngineException Invalid(string message) => new(EngineError.InvalidArgument, message);

    private static EngineException Busy(string message) => new(EngineError.InvalidState, message);
}
