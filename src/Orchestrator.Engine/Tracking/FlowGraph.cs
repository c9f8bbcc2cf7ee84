using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Tracking;

/// <summary>Where a case can go next from an element, for ordering steps and telling which are still to come.</summary>
internal static class FlowGraph
{
    /// <summary>
    /// The elements that can follow one: its sequence flows' targets, its boundary events, what starts inside it when it is a
    /// scope (start events, event subprocesses, an ad-hoc subprocess's activities), and, for an element that ends a
    /// subprocess, what follows the subprocess.
    /// </summary>
    public static IEnumerable<FlowNode> Successors(FlowNode node)
    {
        foreach (var flow in node.Outgoing)
        {
            yield return flow.Target;
        }

        foreach (var boundary in node.BoundaryEvents)
        {
            yield return boundary;
        }

        foreach (var child in node.Children.Where(c => c.Incoming.Count == 0 && c.Kind != ElementKind.BoundaryEvent))
        {
            yield return child;
        }

        if (node.Outgoing.Count == 0 && node.Parent is { Kind: not ElementKind.Process } scope)
        {
            foreach (var next in Successors(scope).Where(n => n.Parent != scope))
            {
                yield return next;
            }
        }
    }

    /// <summary>Every element reachable from <paramref name="from"/> (those included), with its distance in steps.</summary>
    public static Dictionary<FlowNode, int> Distances(IEnumerable<FlowNode> from)
    {
        var distances = new Dictionary<FlowNode, int>();
        var queue = new Queue<FlowNode>();
        foreach (var node in from)
        {
            if (distances.TryAdd(node, 0))
            {
                queue.Enqueue(node);
            }
        }

        while (queue.TryDequeue(out var node))
        {
            foreach (var next in Successors(node))
            {
                if (distances.TryAdd(next, distances[node] + 1))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return distances;
    }
}
