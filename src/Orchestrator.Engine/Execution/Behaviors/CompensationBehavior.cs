using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Compensation as Camunda 8 runs it: a completed activity with a compensation boundary event (or a completed subprocess with
/// such activities or a compensation event subprocess inside) is remembered on its instance; a compensation throw or end event
/// starts the handlers of what completed in its scope — all at once, one per completion — and waits until they all completed.
/// A behaviour over the command's runner, as <see cref="VariableBehavior"/>.
/// </summary>
internal readonly struct CompensationBehavior(Runner runner)
{
    /// <summary>Remembers an activity that completed, when compensation could undo it.</summary>
    public static void RecordCompensable(ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        if ((node.CompensationHandler is null && node.Kind is not (ElementKind.SubProcess or ElementKind.AdHocSubProcess)) || element.Scope is not { } scope
            || element.CompensationThrowKey is not null)
        {
            // A handler's own work is not undone by a later compensation.
            return;
        }

        var compensable = node.CompensationHandler is not null
            // A multi-instance activity is undone once, through its body.
            ? element.LoopCounter == 0
            : (node.CompensationEventSubProcess is not null && !element.IsMultiInstanceBody) || instance.Compensable.Any(c => c.ScopeKey == element.Key);
        if (compensable)
        {
            instance.AddCompensable(new Compensable(element.Key, node, scope.Key, element.IsMultiInstanceBody));
        }
    }

    /// <summary>A scope ended without becoming compensable itself (terminated, or nothing to undo): forget what completed inside it.</summary>
    public static void ForgetCompensable(ProcessInstance instance, ElementInstance scope)
    {
        if (instance.Compensable.Count > 0 && !instance.Compensable.Any(c => c.ElementInstanceKey == scope.Key))
        {
            Forget(instance, scope.Key);
        }
    }

    private static void Forget(ProcessInstance instance, long scopeKey)
    {
        var inside = instance.Compensable.Where(c => c.ScopeKey == scopeKey).ToList();
        instance.RemoveCompensable(c => c.ScopeKey == scopeKey);
        foreach (var completed in inside)
        {
            Forget(instance, completed.ElementInstanceKey);
        }
    }

    /// <summary>
    /// Starts the compensation handlers that <paramref name="thrower"/> invokes (all that completed in its scope, or only its
    /// <c>activityRef</c>), each in the scope it undoes; false when nothing is there to undo, and the event completes at once.
    /// </summary>
    public bool ThrowCompensation(ProcessInstance instance, ElementInstance thrower)
    {
        var scope = thrower.Scope!;
        var started = StartHandlers(instance, thrower, scope);
        if (scope.Node.Kind == ElementKind.EventSubProcess && scope.CompensationThrowKey is null && scope.Scope is { } around)
        {
            // Thrown in an event subprocess, compensation also undoes the scope around it (a compensation event subprocess
            // holds what completed in the subprocess it stands in for instead).
            started |= StartHandlers(instance, thrower, around);
        }

        return started;
    }

    private bool StartHandlers(ProcessInstance instance, ElementInstance thrower, ElementInstance scope)
    {
        var handlers = new List<(FlowNode Handler, long? StandsInFor)>();
        CollectHandlers(instance, scope.Key, thrower.Node.Event.ActivityRef, handlers);
        foreach (var (handler, standsInFor) in handlers)
        {
            var started = runner.Activate(instance, handler, scope);
            started.CompensationThrowKey = thrower.Key;
            if (standsInFor is { } subprocessKey)
            {
                // What completed in the subprocess is now inside its compensation event subprocess, for a throw event there.
                instance.MoveCompensable(subprocessKey, started.Key);
            }
        }

        return handlers.Count > 0;
    }

    private static void CollectHandlers(ProcessInstance instance, long scopeKey, string? activityRef, List<(FlowNode Handler, long? StandsInFor)> handlers)
    {
        foreach (var completed in instance.Compensable.Where(c => c.ScopeKey == scopeKey).ToList())
        {
            var node = completed.Node;
            var eventSubProcess = completed.IsMultiInstanceBody ? null : node.CompensationEventSubProcess;
            if (activityRef is not null && node.Id != activityRef)
            {
                // The named activity may have completed inside this completed subprocess.
                CollectHandlers(instance, completed.ElementInstanceKey, activityRef, handlers);
                if (node.CompensationHandler is null && eventSubProcess is null && !instance.Compensable.Any(c => c.ScopeKey == completed.ElementInstanceKey))
                {
                    // Nothing is left to undo in it.
                    instance.RemoveCompensable(c => c.ElementInstanceKey == completed.ElementInstanceKey);
                }

                continue;
            }

            instance.RemoveCompensable(c => c.ElementInstanceKey == completed.ElementInstanceKey);
            if (node.CompensationHandler is null && eventSubProcess is not null)
            {
                handlers.Add((eventSubProcess, completed.ElementInstanceKey));
                continue;
            }

            if (node.CompensationHandler is { } handler)
            {
                handlers.Add((handler, null));
            }

            // A subprocess's activities are undone with it.
            CollectHandlers(instance, completed.ElementInstanceKey, null, handlers);
        }
    }

    /// <summary>A compensation handler completed: the throw event that started it completes once none of its handlers is left.</summary>
    public void CompensationHandlerDone(ProcessInstance instance, long throwerKey)
    {
        if (instance.Elements.TryGetValue(throwerKey, out var thrower) && !instance.Elements.Values.Any(e => e.CompensationThrowKey == throwerKey))
        {
            runner.Complete(instance, thrower);
        }
    }
}
