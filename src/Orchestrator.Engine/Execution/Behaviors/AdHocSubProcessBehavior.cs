using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Ad-hoc subprocesses (Camunda 8): on entering, the inner elements named by <c>activeElementsCollection</c> are activated
/// (none: it waits, and the API can activate some); each time an inner element completes, the output of a flow that ended
/// is collected and the completion condition evaluated — true completes the subprocess (terminating what still runs unless
/// <c>cancelRemainingInstances="false"</c>, which waits for it); without a condition it completes when nothing inside is
/// active. Variables written inside stay in the subprocess's scope; output mappings and the output collection leave it.
/// </summary>
internal sealed class AdHocSubProcessBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var adHoc = element.Node.AdHoc!;
        runner.SubscribeEventSubProcesses(instance, element);
        if (adHoc.OutputCollection is { } output)
        {
            runner.SetLocal(instance, element, output, new FeelList([]));
        }

        if (adHoc.ActiveElements is not { } expression
            || !runner.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, "the active elements collection", out var value))
        {
            return;
        }

        if (!TryFindElements(element.Node, value, out var nodes, out var error))
        {
            runner.RaiseIncident(instance, element, IncidentType.ExtractValueError, $"the active elements collection of '{element.Node.Id}' {error}");
            return;
        }

        foreach (var node in nodes)
        {
            runner.Activate(instance, node, element);
        }
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        if (element.Node.AdHoc!.OutputCollection is { } output && element.Variables?.GetValueOrDefault(output) is { } collected)
        {
            runner.Propagate(instance, element.Scope!, new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [output] = collected });
        }

        return element.Node.Outgoing;
    }

    /// <summary>The inner elements a list of ids names: flow nodes directly inside without incoming flows (null: none).</summary>
    public static bool TryFindElements(FlowNode adHoc, FeelValue value, out List<FlowNode> nodes, out string error)
    {
        nodes = [];
        error = string.Empty;
        if (value is FeelNull)
        {
            return true;
        }

        if (value is not FeelList list)
        {
            error = $"must be a list of element ids, not {FeelJsonText(value)}";
            return false;
        }

        foreach (var item in list.Items)
        {
            if (item is not FeelString { Value: var id } || Activatable(adHoc, id) is not { } node)
            {
                error = $"names {FeelJsonText(item)}, which is not an element of the ad-hoc subprocess that can be activated ({string.Join(", ", ActivatableIds(adHoc))})";
                return false;
            }

            nodes.Add(node);
        }

        return true;
    }

    /// <summary>An inner element completed: collect a finished flow's output, then see whether the subprocess completes. True when it did (the element's flows are not taken).</summary>
    public static bool InnerCompleted(Runner runner, ProcessInstance instance, ElementInstance adHocElement, ElementInstance inner, bool flowEnded)
    {
        var adHoc = adHocElement.Node.AdHoc!;
        if (flowEnded && adHoc.OutputCollection is { } output && adHoc.OutputElement is { } outputElement
            && adHocElement.Variables?.GetValueOrDefault(output) is FeelList collected)
        {
            runner.SetLocal(instance, adHocElement, output, new FeelList([.. collected.Items, outputElement.Evaluate(Runner.ScopeOf(inner)).Value]));
        }

        if (adHoc.CompletionCondition is not { } condition || condition.Evaluate(Runner.ScopeOf(adHocElement)).Value is not FeelBoolean { Value: true })
        {
            return false;
        }

        if (!adHoc.CancelRemainingInstances)
        {
            adHocElement.CompletionConditionMet = true;
            return false;
        }

        foreach (var other in instance.Elements.Values.Where(e => e.Scope == adHocElement).ToList())
        {
            runner.Terminate(instance, other);
        }

        runner.Complete(instance, adHocElement);
        return true;
    }

    /// <summary>Whether an ad-hoc subprocess whose inner elements all ended completes now (no condition, or it held).</summary>
    public static bool MayComplete(ElementInstance adHocElement) =>
        adHocElement.Node.AdHoc!.CompletionCondition is null || adHocElement.CompletionConditionMet;

    private static FlowNode? Activatable(FlowNode adHoc, string id) =>
        adHoc.Children.FirstOrDefault(c => c.Id == id && IsActivatable(c));

    private static IEnumerable<string> ActivatableIds(FlowNode adHoc) => adHoc.Children.Where(IsActivatable).Select(c => c.Id);

    private static bool IsActivatable(FlowNode node) =>
        node.Incoming.Count == 0 && node.Kind is not (ElementKind.BoundaryEvent or ElementKind.EventSubProcess or ElementKind.StartEvent) && !node.IsForCompensation;

    private static string FeelJsonText(FeelValue value) => Orchestrator.Feel.Json.FeelJson.ToJsonString(value);
}
