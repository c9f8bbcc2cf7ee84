using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Execution;

/// <summary>What one element kind does when it is activated and when it leaves. One class per kind, registered in <see cref="BehaviorTable"/>.</summary>
internal interface IElementBehavior
{
    /// <summary>After input mappings: start the element's work, or complete at once.</summary>
    void Activate(Runner runner, ProcessInstance instance, ElementInstance element);

    /// <summary>After output mappings: the flows to take (gateways choose); null when the step failed and raised an incident.</summary>
    IReadOnlyList<Model.SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element);
}
