using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.AdHocSubProcesses;

/// <summary>
/// Ad-hoc subprocesses (Camunda 8): on entering, the inner elements named by <c>activeElementsCollection</c> are activated
/// (none: it waits, and the API can activate some); each time an inner element completes, the output of a flow that ended
/// is collected and the completion condition evaluated — true completes the subprocess (terminating what still runs unless
/// <c>cancelRemainingInstances="false"</c>, which waits for it); without a condition it completes when nothing inside is
/// active. Variables written inside stay in the subprocess's scope; output mappings and the output collection leave it.
/// </summary>
internal sealed partial class AdHocSubProcessBehavior : IElementBehavior
{
    /// <summary>The variable that tells a job worker what it may activate (Camunda's name).</summary>
    public const string ElementsVariable = "adHocSubProcessElements";

    private static readonly JobWorkerBehavior Job = new();

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var adHoc = element.Node.AdHoc!;
        if (!runner.Events.SubscribeEventSubProcesses(instance, element))
        {
            return;
        }

        if (adHoc.OutputCollection is { } output)
        {
            runner.Variables.SetLocal(instance, element, output, new FeelList([]));
        }

        if (element.Node.JobType is not null)
        {
            // A job worker (an AI agent) decides what to activate and when it is done: it gets a job now and after every
            // inner flow that ends, and answers with a job result.
            runner.Variables.SetLocal(instance, element, ElementsVariable, Describe(element.Node));
            Job.Activate(runner, instance, element);
            return;
        }

        if (adHoc.ActiveElements is not { } expression
            || !runner.Variables.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, "the active elements collection", out var value))
        {
            return;
        }

        if (!TryFindElements(element.Node, value, out var nodes, out var error))
        {
            runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"the active elements collection of '{element.Node.Id}' {error}");
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
            runner.Variables.Propagate(instance, element.Scope!, new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [output] = collected });
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

    /// <summary>An inner element completed: its flows are taken unless the subprocess completed.</summary>
    public void OnChildCompleted(Runner runner, ProcessInstance instance, ElementInstance scope, ElementInstance child, IReadOnlyList<SequenceFlow> flows)
    {
        if (!InnerCompleted(runner, instance, scope, child, flows.Count == 0))
        {
            runner.TakeFlows(instance, scope, child, flows);
        }
    }

    /// <summary>An inner element completed: collect a finished flow's output, then see whether the subprocess completes. True when it did (the element's flows are not taken).</summary>
    private static bool InnerCompleted(Runner runner, ProcessInstance instance, ElementInstance adHocElement, ElementInstance inner, bool flowEnded)
    {
        var adHoc = adHocElement.Node.AdHoc!;
        if (inner.Node.Kind == ElementKind.EventSubProcess && inner.Node.EventStart is { Interrupting: true })
        {
            // An interrupting event subprocess ended what ran inside: it completes the ad-hoc subprocess, asking no one.
            CompleteOnceEmpty(runner, instance, adHocElement);
            return true;
        }

        if (flowEnded && adHoc.OutputCollection is { } output && adHoc.OutputElement is { } outputElement
            && adHocElement.Variables?.GetValueOrDefault(output) is FeelList collected)
        {
            runner.Variables.SetLocal(instance, adHocElement, output, new FeelList([.. collected.Items, outputElement.Evaluate(VariableBehavior.ScopeOf(inner)).Value]));
        }

        if (adHocElement.Node.JobType is not null)
        {
            if (flowEnded && !adHocElement.CompletionConditionMet)
            {
                AskWorker(runner, instance, adHocElement);
            }

            return false;
        }

        if (adHoc.CompletionCondition is not { } condition || condition.Evaluate(VariableBehavior.ScopeOf(adHocElement)).Value is not FeelBoolean { Value: true })
        {
            return false;
        }

        if (!adHoc.CancelRemainingInstances)
        {
            adHocElement.CompletionConditionMet = true;
            return false;
        }

        runner.TerminateChildren(instance, adHocElement, new TerminationThen { Kind = TerminationThenKind.CompleteScope });
        return true;
    }

    /// <summary>Whether an ad-hoc subprocess whose inner elements all ended completes now (no condition and no worker, or it held).</summary>
    public bool MayComplete(ElementInstance adHocElement) =>
        (adHocElement.Node.AdHoc!.CompletionCondition is null && adHocElement.Node.JobType is null) || adHocElement.CompletionConditionMet;

    /// <summary>
    /// A job worker answered for an ad-hoc subprocess: activate what it chose, or — when it says the subprocess is done —
    /// complete it (terminating what runs, or once it has completed, as it asks).
    /// </summary>
    public static void WorkerAnswered(Runner runner, ProcessInstance instance, ElementInstance adHocElement, AdHocJobResult result)
    {
        if (result.CompletionConditionFulfilled)
        {
            if (result.CancelRemainingInstances)
            {
                runner.TerminateChildren(instance, adHocElement);
            }

            CompleteOnceEmpty(runner, instance, adHocElement);
            return;
        }

        Activate(runner, instance, adHocElement, result.ActivateElements);
    }

    /// <summary>Refuses, before anything changed, elements the subprocess cannot activate (<paramref name="field"/> names them in the message).</summary>
    /// <exception cref="EngineException">An id that is not an element the subprocess can activate.</exception>
    public static void Check(FlowNode adHoc, IReadOnlyList<AdHocActivation> elements, string field)
    {
        if (!TryFindElements(adHoc, Ids(elements), out _, out var error))
        {
            throw new EngineException(EngineError.InvalidArgument, $"{field} {error}");
        }
    }

    /// <summary>Activates the chosen inner elements (checked with <see cref="Check"/>), each with its own local variables.</summary>
    public static void Activate(Runner runner, ProcessInstance instance, ElementInstance adHocElement, IReadOnlyList<AdHocActivation> elements)
    {
        if (!TryFindElements(adHocElement.Node, Ids(elements), out var nodes, out var error))
        {
            throw new InvalidOperationException($"unchecked ad-hoc activation: {error}");
        }

        for (var i = 0; i < nodes.Count; i++)
        {
            var started = runner.Activate(instance, nodes[i], adHocElement);
            foreach (var (name, value) in elements[i].Variables ?? new Dictionary<string, FeelValue>())
            {
                runner.Variables.SetLocal(instance, started, name, value);
            }
        }
    }

    /// <summary>Marks it done: it completes now when nothing inside runs, else when the last inner element ends (<see cref="MayComplete"/>).</summary>
    private static void CompleteOnceEmpty(Runner runner, ProcessInstance instance, ElementInstance adHocElement)
    {
        adHocElement.CompletionConditionMet = true;
        if (adHocElement.ActiveChildren == 0)
        {
            runner.Complete(instance, adHocElement);
        }
    }

    private static FeelList Ids(IReadOnlyList<AdHocActivation> elements) => FeelList.OfStrings(elements.Select(e => e.ElementId));

    /// <summary>Gives the worker a new job (its earlier one, if still open, is cancelled: one job at a time).</summary>
    private static void AskWorker(Runner runner, ProcessInstance instance, ElementInstance adHocElement)
    {
        runner.Jobs.Cancel(instance, adHocElement);
        Job.Activate(runner, instance, adHocElement);
    }

    /// <summary>What the worker may activate: <c>[{elementId, elementName, documentation, properties}]</c>.</summary>
    private static FeelList Describe(FlowNode adHoc) => new(adHoc.Children.Where(IsActivatable).Select(node => (FeelValue)new FeelContext(
        new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal)
        {
            ["elementId"] = new FeelString(node.Id),
            ["elementName"] = node.Name is { } name ? new FeelString(name) : FeelNull.Instance,
            ["documentation"] = node.Documentation is { } text ? new FeelString(text) : FeelNull.Instance,
            ["properties"] = new FeelContext(node.Properties.Select(p => new KeyValuePair<string, FeelValue>(p.Key, new FeelString(p.Value)))),
            ["parameters"] = new FeelList(Parameters(node)),
        })));

    /// <summary>
    /// The inputs an agent fills in: each <c>fromAi(toolCall.name, "description", "type")</c> in the element's input mappings,
    /// as <c>{name, description, type}</c> (type <c>string</c> when not given; a schema or options argument is not read).
    /// </summary>
    private static IEnumerable<FeelValue> Parameters(FlowNode node) =>
        node.Inputs.SelectMany(input => FromAi().Matches(input.Source.Text)).Select(match => (FeelValue)new FeelContext(
            new OrderedDictionary<string, FeelValue>(StringComparer.Ordinal)
            {
                ["name"] = new FeelString(match.Groups["path"].Value.Split('.')[^1]),
                ["description"] = match.Groups["description"].Success ? new FeelString(match.Groups["description"].Value) : FeelNull.Instance,
                ["type"] = new FeelString(match.Groups["type"].Success ? match.Groups["type"].Value : "string"),
            }));

    [System.Text.RegularExpressions.GeneratedRegex("""fromAi\(\s*(?<path>[A-Za-z_][\w.]*)\s*(?:,\s*"(?<description>(?:[^"\\]|\\.)*)"\s*(?:,\s*"(?<type>[^"]*)")?)?""")]
    private static partial System.Text.RegularExpressions.Regex FromAi();

    private static FlowNode? Activatable(FlowNode adHoc, string id) =>
        adHoc.Children.FirstOrDefault(c => c.Id == id && IsActivatable(c));

    private static IEnumerable<string> ActivatableIds(FlowNode adHoc) => adHoc.Children.Where(IsActivatable).Select(c => c.Id);

    private static bool IsActivatable(FlowNode node) =>
        node.Incoming.Count == 0 && node.Kind is not (ElementKind.BoundaryEvent or ElementKind.EventSubProcess or ElementKind.StartEvent) && !node.IsForCompensation;

    private static string FeelJsonText(FeelValue value) => Orchestrator.Feel.Json.FeelJson.ToJsonString(value);
}
