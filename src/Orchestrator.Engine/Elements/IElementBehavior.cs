using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements;

/// <summary>
/// What one element kind does through its lifecycle, after Zeebe's element processors: activate, complete, terminate, and —
/// for scopes — a child completed. One class per kind, registered in <see cref="ElementTable"/>; the defaults run the steps
/// every element shares (mappings, listeners, subscriptions, leaving by the outgoing flows), so a kind overrides only what it
/// does differently.
/// </summary>
internal interface IElementBehavior
{
    /// <summary>The activation step: by default the runner's shared steps (subscriptions closed, input mappings, start listeners), then <see cref="Activate"/>.</summary>
    void OnActivate(Runner runner, ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables) =>
        runner.ActivateElement(instance, element, variables);

    /// <summary>After input mappings and start listeners: start the element's work, or complete at once.</summary>
    void Activate(Runner runner, ProcessInstance instance, ElementInstance element);

    /// <summary>The completion step: by default the runner's shared steps (output mappings, end listeners), then leaving.</summary>
    void OnComplete(Runner runner, ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables) =>
        runner.CompleteElement(instance, element, variables);

    /// <summary>After output mappings and end listeners: the flows to take (gateways choose); null when the step failed and raised an incident.</summary>
    IReadOnlyList<Model.SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element);

    /// <summary>The element is terminated: end its own work (a user task, a called instance). The runner ends its children, its open job and incidents.</summary>
    void OnTerminate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
    }

    /// <summary>
    /// Whether the element's own work has ended since <see cref="OnTerminate"/>; false while it waits (a user task's canceling
    /// listeners run, a called instance waits for its own) — whatever ends it then calls <see cref="Runner.ContinueTermination"/>.
    /// </summary>
    bool IsTerminated(Runner runner, ElementInstance element) => true;

    /// <summary>For scopes: the flows a completing child leaves by; by default those its own behaviour chooses (null: it failed and raised an incident).</summary>
    IReadOnlyList<Model.SequenceFlow>? LeaveChild(Runner runner, ProcessInstance instance, ElementInstance child) =>
        ElementTable.BehaviorOf(child).Leave(runner, instance, child);

    /// <summary>For scopes: a child completed and left by <paramref name="flows"/>; by default they are taken, and the scope completes once nothing is left in it.</summary>
    void OnChildCompleted(Runner runner, ProcessInstance instance, ElementInstance scope, ElementInstance child, IReadOnlyList<Model.SequenceFlow> flows) =>
        runner.TakeFlows(instance, scope, child, flows);

    /// <summary>
    /// An event the element subscribed to happened (a timer, message or signal of its own, of a boundary event, of an event
    /// subprocess it holds, or of an event after it): by default its own event completes it, a boundary event interrupts it
    /// or runs beside it, an event subprocess's start starts the subprocess.
    /// </summary>
    void OnEvent(Runner runner, ProcessInstance instance, ElementInstance element, Model.FlowNode catchElement, Dictionary<string, FeelValue>? variables, Subscription subscription) =>
        runner.Events.EventHappened(instance, element, catchElement, variables, subscription);

    /// <summary>For scopes: whether the scope may complete now that nothing is active in it.</summary>
    bool MayComplete(ElementInstance scope) => true;
}
