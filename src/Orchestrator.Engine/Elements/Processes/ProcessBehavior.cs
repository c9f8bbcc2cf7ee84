using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.Processes;

/// <summary>
/// The process: activated through the shared steps (its start listeners first), it opens its event subprocesses'
/// subscriptions and starts at the start event chosen when the instance was created — the none start, or the message,
/// timer or signal start that fired, noted in <see cref="ElementInstance.PendingStart"/>. It completes when nothing is left
/// in it: end listeners, then the instance ends and a calling activity hears of it.
/// </summary>
internal sealed class ProcessBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        if (!runner.Events.SubscribeEventSubProcesses(instance, element))
        {
            return;
        }

        var start = element.PendingStart ?? element.Node.NoneStart!;
        element.PendingStart = null;
        runner.Activate(instance, start, element);
    }

    public void OnComplete(Runner runner, ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables) =>
        runner.CompleteProcess(instance, element);

    /// <summary>A process has no outgoing flows: its completion ends the instance (<see cref="Runner.CompleteProcess"/>).</summary>
    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => [];
}
