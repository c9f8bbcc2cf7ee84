using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Elements.ParallelGateways;

/// <summary>
/// Joining parallel and inclusive gateways. Tokens are counted per incoming flow on the scope.
/// A parallel join fires when every incoming flow has a token; an inclusive join when every
/// incoming flow either has one or can no longer get one from any active element of the scope.
/// Each firing consumes one token per flow that had one.
/// </summary>
internal static class GatewayJoins
{
    public static void Arrive(Runner runner, ProcessInstance instance, ElementInstance scope, SequenceFlow flow)
    {
        var gateway = flow.Target;
        var joins = scope.Joins ??= new Dictionary<string, int[]>(StringComparer.Ordinal);
        if (!joins.TryGetValue(gateway.Id, out var counts))
        {
            joins[gateway.Id] = counts = new int[gateway.Incoming.Count];
        }

        counts[flow.TargetIndex]++;
        if (!Ready(instance, scope, gateway, counts))
        {
            if (scope.ActiveChildren == 0)
            {
                // Nothing else can arrive: an inclusive join proceeds with what it has.
                Fire(runner, instance, scope, gateway, counts);
            }

            return;
        }

        Fire(runner, instance, scope, gateway, counts);
    }

    private static void Fire(Runner runner, ProcessInstance instance, ElementInstance scope, FlowNode gateway, int[] counts)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                counts[i]--;
            }
        }

        runner.Activate(instance, gateway, scope);
    }

    private static bool Ready(ProcessInstance instance, ElementInstance scope, FlowNode gateway, int[] counts)
    {
        if (gateway.Kind == ElementKind.ParallelGateway)
        {
            return counts.All(c => c > 0);
        }

        var waiting = gateway.Incoming.Where(f => counts[f.TargetIndex] == 0).ToList();
        if (waiting.Count == 0)
        {
            return true;
        }

        var active = instance.Elements.Values.Where(e => e.Scope == scope).Select(e => e.Node);
        return !waiting.Any(f => active.Any(node => CanReach(node, f, gateway)));
    }

    /// <summary>True when a token at <paramref name="from"/> can still travel to <paramref name="flow"/> without passing the gateway.</summary>
    private static bool CanReach(FlowNode from, SequenceFlow flow, FlowNode gateway)
    {
        var seen = new HashSet<FlowNode>();
        var pending = new Stack<FlowNode>();
        pending.Push(from);
        while (pending.TryPop(out var node))
        {
            if (node == flow.Source)
            {
                return true;
            }

            if (node == gateway || !seen.Add(node))
            {
                continue;
            }

            foreach (var next in node.Outgoing)
            {
                pending.Push(next.Target);
            }

            foreach (var boundary in node.BoundaryEvents)
            {
                pending.Push(boundary);
            }
        }

        return false;
    }
}
