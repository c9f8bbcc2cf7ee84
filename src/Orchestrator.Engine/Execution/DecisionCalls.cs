using Orchestrator.Dmn;
using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution;

/// <summary>Finds the decision version a caller binds to, evaluates it, and records the evaluation for audit.</summary>
internal static class DecisionCalls
{
    /// <summary>The version of <paramref name="decisionId"/> to evaluate: the latest, the one deployed with <paramref name="deploymentKey"/>, or the latest with a version tag.</summary>
    public static DecisionDefinition? Find(IDefinitionStore definitions, string decisionId, string binding, long deploymentKey, string? versionTag) => binding switch
    {
        "deployment" => definitions.DecisionRequirements.Where(r => r.DeploymentKey == deploymentKey)
            .SelectMany(r => r.Decisions).FirstOrDefault(d => d.DecisionId == decisionId),
        "versionTag" => definitions.DecisionRequirements.SelectMany(r => r.Decisions)
            .Where(d => d.DecisionId == decisionId && d.VersionTag == versionTag).MaxBy(d => d.Version),
        _ => definitions.GetLatestDecision(decisionId),
    };

    /// <summary>
    /// Evaluates a decision with the given variables and records the evaluation (succeeded or failed). A value the evaluation
    /// met that is deeper or larger than <paramref name="limits"/> allow a variable (an output, a rule's output, a table input)
    /// fails it: what is recorded and handed on stays within what the store and a process can hold.
    /// </summary>
    public static DecisionEvaluation Evaluate(IEngineStore store, DecisionDefinition decision, IFeelScope variables, DateTimeOffset now, VariableLimits limits,
        ProcessInstance? instance = null, ElementInstance? element = null)
    {
        DmnDecisionResult? result = null;
        string? failure = null;
        string? failedDecision = null;
        IReadOnlyList<DmnEvaluatedDecision> before = [];
        try
        {
            result = decision.Requirements.Model.Evaluate(null, decision.DecisionId, variables);
        }
        catch (DmnEvaluationException ex)
        {
            failure = ex.Message;
            failedDecision = ex.DecisionId ?? decision.DecisionId;
            before = ex.Evaluated;
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or StackOverflowException))
        {
            // A value past FEEL's size limits, or a fault of the evaluator: the decision failed, the command goes on (an incident).
            failure = $"the evaluation failed: {ex.Message}";
            failedDecision = decision.DecisionId;
        }

        if (result is not null && Oversized(result, limits) is { } oversized)
        {
            failure = oversized;
            failedDecision = decision.DecisionId;
            result = null;
        }

        // A FEEL string quoted in a message may hold NUL, which PostgreSQL cannot store.
        failure = failure is null ? null : StoredText.EscapeNul(failure);

        var key = store.NextKey();
        var evaluation = new DecisionEvaluation
        {
            Key = key,
            InstanceKeys = [.. Enumerable.Range(0, result?.Decisions.Count ?? before.Count + 1).Select(_ => store.NextKey())],
            Decision = decision,
            Date = now,
            ProcessInstanceKey = instance?.Key,
            ProcessDefinitionKey = instance?.Definition.Key,
            ElementInstanceKey = element?.Key,
            ElementId = element?.Node.Id,
            Result = result,
            Failure = failure,
            FailedDecisionId = failedDecision,
            EvaluatedBeforeFailure = result is null ? before : [],
        };
        store.AddDecisionEvaluation(evaluation);
        return evaluation;
    }

    /// <summary>Why a value of the evaluation is too deep or too large to record, or null when all fit.</summary>
    private static string? Oversized(DmnDecisionResult result, VariableLimits limits)
    {
        foreach (var decision in result.Decisions)
        {
            var values = decision.Inputs.Select(i => (What: $"input '{i.Label}'", i.Value))
                .Concat(decision.MatchedRules.SelectMany(r => r.Outputs.Select(o => (What: $"output '{o.Name}' of rule {r.Id ?? r.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}", o.Value))))
                .Append((What: "the output", Value: decision.Result));
            foreach (var (what, value) in values)
            {
                if (limits.Check(what, value) is { } violation)
                {
                    return $"decision '{decision.Name}': {what} cannot be kept: {violation.Message}";
                }
            }
        }

        return null;
    }
}
