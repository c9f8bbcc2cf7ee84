namespace Orchestrator.Engine.Model;

/// <summary>Compensation: boundary events tied to their handlers, and what a compensation throw event may reach.</summary>
public sealed partial class BpmnParser
{
    /// <summary>
    /// Ties each compensation boundary event to the handler its association points at, and checks the handlers (activities
    /// outside the flow, each undoing one activity) and the activities that compensation throw events name.
    /// </summary>
    private void ResolveCompensation()
    {
        var handlers = new HashSet<FlowNode>();
        foreach (var boundary in _elements.Values.Where(n => n.Kind == ElementKind.BoundaryEvent && n.Event.Kind == EventKind.Compensation && n.AttachedTo is not null))
        {
            var activity = boundary.AttachedTo!;
            var targets = _associations.Where(a => a.Source == boundary.Id).Select(a => a.Target).ToList();
            if (targets.Count == 1 && targets[0] is { } refusedTarget && _refused.Contains(refusedTarget))
            {
                // The handler itself was refused (an unsupported element): that is the one problem to report.
                continue;
            }

            if (targets.Count != 1 || targets[0] is not { } target || !_elements.TryGetValue(target, out var handler)
                || !handler.IsForCompensation || !handler.IsActivity || handler.Parent != boundary.Parent)
            {
                Problem(boundary.Id, boundary.Line, 0,
                    "a compensation boundary event needs an association to one compensation handler: an activity with isForCompensation=\"true\" in the same scope");
            }
            else if (activity.CompensationHandler is not null)
            {
                Problem(boundary.Id, boundary.Line, 0, $"'{activity.Id}' has more than one compensation boundary event");
                handlers.Add(handler);
            }
            else
            {
                activity.CompensationHandler = handler;
                handlers.Add(handler);
            }
        }

        foreach (var handler in _elements.Values.Where(n => n.IsForCompensation && !_refused.Contains(n.Id)))
        {
            if (!handler.IsActivity)
            {
                Problem(handler.Id, handler.Line, 0, $"only an activity can be a compensation handler (isForCompensation), not {KindName(handler)}");
            }
            else if (handler.Incoming.Count > 0 || handler.Outgoing.Count > 0)
            {
                Problem(handler.Id, handler.Line, 0, "a compensation handler has no incoming or outgoing sequence flows: compensation starts it, and it ends when it completes");
            }
            else if (!handlers.Contains(handler))
            {
                Problem(handler.Id, handler.Line, 0, "the compensation handler is not associated with a compensation boundary event, so nothing would ever start it");
            }
            else if (handler.BoundaryEvents.Count > 0)
            {
                Problem(handler.Id, handler.Line, 0, "a compensation handler has no boundary events (Zeebe refuses them too)");
            }
            else if (handler.Kind == ElementKind.ReceiveTask)
            {
                Problem(handler.Id, handler.Line, 0, "a receive task cannot be a compensation handler: nothing would ever deliver its message (Zeebe refuses it too)");
            }
        }

        foreach (var thrower in _elements.Values.Where(n => n.Kind is ElementKind.IntermediateThrowEvent or ElementKind.EndEvent
            && n.Event is { Kind: EventKind.Compensation, ActivityRef: not null }))
        {
            var reference = thrower.Event.ActivityRef!;
            var scope = CompensationScope(thrower);
            if (!_elements.TryGetValue(reference, out var activity) || !activity.IsActivity || !Reachable(activity, scope, thrower))
            {
                Problem(thrower.Id, thrower.Line, 0, $"the compensation {KindName(thrower)} refers to '{reference}', which is not an activity in its scope");
            }
            else if (activity.CompensationHandler is null && activity.Kind != ElementKind.SubProcess)
            {
                Problem(thrower.Id, thrower.Line, 0, $"the compensation {KindName(thrower)} refers to '{reference}', which has no compensation boundary event to undo it");
            }
        }
    }

    /// <summary>The scope whose completed activities a compensation throw event undoes: its own, or, inside an event subprocess, the one around it.</summary>
    internal static FlowNode CompensationScope(FlowNode thrower) =>
        thrower.Parent!.Kind == ElementKind.EventSubProcess ? thrower.Parent.Parent! : thrower.Parent;

    /// <summary>
    /// True when <paramref name="activity"/> lies in <paramref name="scope"/> (directly or in an embedded subprocess) where a
    /// completion outlives its scope: what completes in an event subprocess ends with it, unless the thrower is inside it.
    /// </summary>
    private static bool Reachable(FlowNode activity, FlowNode scope, FlowNode thrower)
    {
        for (var parent = activity.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == scope)
            {
                return true;
            }

            if (parent.Kind == ElementKind.EventSubProcess && !IsInside(thrower, parent))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsInside(FlowNode node, FlowNode scope)
    {
        for (var parent = node.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent == scope)
            {
                return true;
            }
        }

        return false;
    }
}
