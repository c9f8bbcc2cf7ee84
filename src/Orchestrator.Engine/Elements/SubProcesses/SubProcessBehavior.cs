using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Elements.SubProcesses;

/// <summary>Embedded and event subprocesses: open the event-subprocess subscriptions of the new scope and start it; it completes when its last token ends.</summary>
internal sealed class SubProcessBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        if (!runner.Events.SubscribeEventSubProcesses(instance, element))
        {
            return;
        }

        if (node.Kind == ElementKind.EventSubProcess)
        {
            runner.Activate(instance, node.EventStart!, element, element.InterruptVariables, triggered: true);
        }
        else
        {
            runner.Activate(instance, node.NoneStart!, element);
        }
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;
}
