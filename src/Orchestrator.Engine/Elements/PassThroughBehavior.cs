using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Elements;

/// <summary>Elements that complete as soon as they are activated and leave on every outgoing flow: none events, manual and plain tasks, boundary events, parallel splits.</summary>
internal sealed class PassThroughBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element) => runner.Complete(instance, element);

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;
}
