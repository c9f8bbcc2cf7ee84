using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.MultiInstanceBodies;

/// <summary>
/// The multi-instance body of an activity: one inner instance per item of the input collection, all
/// at once (parallel) or one after another (sequential); each gets the item as its input element and
/// <c>loopCounter</c>; output elements are collected in order; a completion condition ends it early.
/// </summary>
internal sealed class MultiInstanceBehavior : IElementBehavior
{
    /// <summary>The body takes no input mappings or listeners of its own (its inner instances do): it starts at once.</summary>
    public void OnActivate(Runner runner, ProcessInstance instance, ElementInstance element, Dictionary<string, FeelValue>? variables) =>
        Activate(runner, instance, element);

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance body)
    {
        var loop = body.Node.MultiInstance!;
        runner.Events.CloseSubscriptions(body);
        if (!runner.Variables.TryEvaluate(instance, body, loop.InputCollection, IncidentType.ExtractValueError, "the input collection", out var value))
        {
            return;
        }

        if (value is not FeelList items)
        {
            runner.Incidents.Raise(instance, body, IncidentType.ExtractValueError, $"Expected the input collection '{loop.InputCollection.Text}' to be a list but it was {value.TypeName} '{value}'");
            return;
        }

        runner.History(instance, body.Key, RecordValueType.Element, RecordIntent.ElementActivated, body.Node.Id, "MULTI_INSTANCE_BODY");
        body.PendingStep = PendingStep.Wait;
        if (!runner.Events.SubscribeBoundaryEvents(instance, body))
        {
            return;
        }

        body.LoopItems = items;
        if (loop.OutputCollection is { } output)
        {
            runner.Variables.SetLocal(instance, body, output, new FeelList(Enumerable.Repeat<FeelValue>(FeelNull.Instance, items.Count).ToArray()));
        }

        if (items.Count == 0)
        {
            runner.Complete(instance, body);
            return;
        }

        var start = loop.IsSequential ? 1 : items.Count;
        for (var i = 0; i < start; i++)
        {
            StartInner(runner, instance, body);
        }
    }

    private static void StartInner(Runner runner, ProcessInstance instance, ElementInstance body)
    {
        var index = body.LoopStarted++;
        var inner = runner.Activate(instance, body.Node, body);
        inner.LoopCounter = index + 1;
        // Local variables of the inner instance, recorded like any other (a durable store keeps variables in their own rows).
        runner.Variables.SetLocal(instance, inner, "loopCounter", FeelNumber.Of(index + 1));
        if (body.Node.MultiInstance!.InputElement is { } element)
        {
            runner.Variables.SetLocal(instance, inner, element, body.LoopItems![index]);
        }
    }

    /// <summary>
    /// An inner instance is about to complete: its output goes into the output collection and the completion condition is
    /// evaluated, as Zeebe does before an inner instance completes — a condition that does not give a boolean raises an
    /// incident on the inner instance, which stays completing until it is resolved. It leaves by no flow: the flows after
    /// the activity are the body's, taken when the body completes.
    /// </summary>
    public IReadOnlyList<Model.SequenceFlow>? LeaveChild(Runner runner, ProcessInstance instance, ElementInstance child)
    {
        var body = child.Scope!;
        var loop = body.Node.MultiInstance!;
        if (loop.OutputCollection is { } output && loop.OutputElement is { } element)
        {
            var value = element.Evaluate(VariableBehavior.ScopeOf(child)).Value;
            if (body.Variables?.GetValueOrDefault(output) is FeelList collected && child.LoopCounter <= collected.Count)
            {
                var items = collected.Items.ToArray();
                items[child.LoopCounter - 1] = value;
                runner.Variables.SetLocal(instance, body, output, new FeelList(items));
            }
        }

        if (loop.CompletionCondition is { } condition)
        {
            var met = condition.Evaluate(new CompletionConditionScope(body, child)).Value;
            if (met is not FeelBoolean boolean)
            {
                runner.Incidents.Raise(instance, child, IncidentType.ExtractValueError,
                    $"Expected result of the expression '{condition.Text}' to be 'BOOLEAN', but was '{met.TypeName.ToUpperInvariant()}'.");
                return null;
            }

            body.CompletionConditionMet = boolean.Value;
        }

        return [];
    }

    /// <summary>An inner instance completed: when the completion condition held, the rest are terminated and the body completes; else the next starts, or the body completes after the last.</summary>
    public void OnChildCompleted(Runner runner, ProcessInstance instance, ElementInstance scope, ElementInstance inner, IReadOnlyList<Model.SequenceFlow> flows)
    {
        var body = scope;
        var loop = body.Node.MultiInstance!;
        body.LoopCompleted++;
        if (body.CompletionConditionMet)
        {
            runner.TerminateChildren(instance, body, new TerminationThen { Kind = TerminationThenKind.CompleteScope });
            return;
        }

        if (loop.IsSequential && body.LoopStarted < body.LoopItems!.Count)
        {
            StartInner(runner, instance, body);
        }
        else if (body.LoopCompleted >= body.LoopItems!.Count)
        {
            runner.Complete(instance, body);
        }
    }

    /// <summary>The body completes: its output collection goes to the enclosing scope like an output mapping, and it leaves.</summary>
    public void OnComplete(Runner runner, ProcessInstance instance, ElementInstance body, Dictionary<string, FeelValue>? variables)
    {
        if (body.Node.MultiInstance!.OutputCollection is { } output && body.Variables?.GetValueOrDefault(output) is { } collected)
        {
            runner.Variables.Propagate(instance, body.Scope!, new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [output] = collected });
        }

        runner.FinishCompletion(instance, body);
    }

    public IReadOnlyList<Model.SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;
}
