using Orchestrator.Engine.Model;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Tracking;

/// <summary>Where a step of a case stands.</summary>
public enum StepState
{
    /// <summary>Passed.</summary>
    Done,

    /// <summary>The case is in it now.</summary>
    Current,

    /// <summary>Still to come, as far as the model tells from where the case is.</summary>
    Pending,
}

/// <summary>One step as the customer sees it.</summary>
/// <param name="Key">The step's key.</param>
/// <param name="Label">Its label in the language asked for.</param>
/// <param name="State">Done, current or pending.</param>
/// <param name="At">When it was done, or when the case entered it; null when pending.</param>
public sealed record StepProgress(string Key, string Label, StepState State, DateTimeOffset? At);

/// <summary>An element instance of a case, as the progress needs it.</summary>
/// <param name="Key">Its key: keys are given in the order elements are entered.</param>
/// <param name="ElementId">The element.</param>
/// <param name="State"><c>ACTIVE</c>, <c>COMPLETED</c> or <c>TERMINATED</c>.</param>
/// <param name="StartDate">When it was entered.</param>
/// <param name="EndDate">When it was left, if it was.</param>
public readonly record struct ElementSnapshot(long Key, string ElementId, string State, DateTimeOffset StartDate, DateTimeOffset? EndDate);

/// <summary>A case's steps from its element instances and its model's <see cref="CaseTracking"/>.</summary>
public static class CaseProgress
{
    /// <summary>
    /// The steps: those passed (in the order they were passed), those the case is in, then — while the case runs — those the
    /// model can still reach from where it is, nearest first. A step on a path the case did not take is not shown once the
    /// case has moved past the choice, nor one whose reachable elements' <see cref="CaseTracking.WhenProperty"/> conditions are
    /// all false; an element left by termination (an interrupted wait) does not count as passed.
    /// </summary>
    /// <param name="model">The case's process, with tracking declared.</param>
    /// <param name="elements">The case's element instances, in any order.</param>
    /// <param name="ended">True when the case completed or was cancelled: nothing is pending then.</param>
    /// <param name="language">The language of the labels.</param>
    /// <param name="variables">The case's variables, for the steps' conditions.</param>
    public static IReadOnlyList<StepProgress> Of(ProcessModel model, IEnumerable<ElementSnapshot> elements, bool ended, string? language, IFeelScope variables)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(elements);
        var tracking = model.Tracking ?? throw new ArgumentException($"process '{model.BpmnProcessId}' declares no tracking", nameof(model));
        var stepOf = new Dictionary<string, TrackedStep>(StringComparer.Ordinal);
        foreach (var step in tracking.Steps)
        {
            foreach (var node in step.Elements)
            {
                stepOf[node.Id] = step;
            }
        }

        // When a step was passed or entered, and the key of the element that says so: steps at the same moment (a pinned
        // clock, one command through several elements) keep the order the case reached them in. The model's order would put
        // a step with an early and a late element (a refund before or after the inspection) before the steps that came first.
        var current = new Dictionary<TrackedStep, (DateTimeOffset At, long Key)>();
        var done = new Dictionary<TrackedStep, (DateTimeOffset At, long Key)>();
        var active = new List<FlowNode>();
        foreach (var element in elements)
        {
            var isActive = element.State == "ACTIVE";
            if (isActive && model.Elements.TryGetValue(element.ElementId, out var node))
            {
                active.Add(node);
            }

            if (!stepOf.TryGetValue(element.ElementId, out var tracked))
            {
                continue;
            }

            if (isActive)
            {
                var entered = (element.StartDate, element.Key);
                current[tracked] = current.TryGetValue(tracked, out var since) && since.CompareTo(entered) < 0 ? since : entered;
            }
            else if (element.State == "COMPLETED")
            {
                var passed = (element.EndDate ?? element.StartDate, element.Key);
                done[tracked] = done.TryGetValue(tracked, out var last) && last.CompareTo(passed) > 0 ? last : passed;
            }
        }

        var result = new List<StepProgress>();
        result.AddRange(done.Where(d => !current.ContainsKey(d.Key)).OrderBy(d => d.Value)
            .Select(d => new StepProgress(d.Key.Key, d.Key.Label.In(language), StepState.Done, d.Value.At)));
        result.AddRange(current.OrderBy(c => c.Value)
            .Select(c => new StepProgress(c.Key.Key, c.Key.Label.In(language), StepState.Current, c.Value.At)));
        if (!ended)
        {
            var distances = FlowGraph.Distances(active);
            result.AddRange(tracking.Steps
                .Where(s => !done.ContainsKey(s) && !current.ContainsKey(s))
                .Select(s => (Step: s, Distance: s.Elements.Where(n => Shown(s, n, variables))
                    .Select(n => distances.TryGetValue(n, out var d) ? d : int.MaxValue).DefaultIfEmpty(int.MaxValue).Min()))
                .Where(s => s.Distance != int.MaxValue)
                .OrderBy(s => s.Distance)
                .Select(s => new StepProgress(s.Step.Key, s.Step.Label.In(language), StepState.Pending, null)));
        }

        return result;
    }

    /// <summary>An element's step may show as still to come unless its condition is false.</summary>
    private static bool Shown(TrackedStep step, FlowNode node, IFeelScope variables) =>
        !step.When.TryGetValue(node.Id, out var condition) || condition.Evaluate(variables).Value is not FeelBoolean { Value: false };
}
