using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Elements.IntermediateCatchEvents;

/// <summary>Intermediate catch events and receive tasks: open the timer, message or signal subscription and wait. A link catch passes through.</summary>
internal sealed class CatchEventBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        if (element.Node.Event.Kind == EventKind.Link)
        {
            runner.Complete(instance, element);
            return;
        }

        runner.Events.Subscribe(instance, element, element.Node);
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;
}
