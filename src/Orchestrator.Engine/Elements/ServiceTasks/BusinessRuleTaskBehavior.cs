using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.ServiceTasks;

/// <summary>
/// A business rule task: with <c>zeebe:calledDecision</c> it evaluates the deployed decision with the variables it sees and completes
/// with the output in its result variable (a missing decision or a failed evaluation is an incident; resolving it evaluates again);
/// with a task definition it is a job.
/// </summary>
internal sealed class BusinessRuleTaskBehavior : IElementBehavior
{
    private readonly JobWorkerBehavior _jobBased = new();

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        if (element.Node.CalledDecision is not { } called)
        {
            _jobBased.Activate(runner, instance, element);
            return;
        }

        if (!runner.Variables.TryEvaluateString(instance, element, called.DecisionId, IncidentType.ExtractValueError, "the decision id", out var decisionId))
        {
            return;
        }

        var decision = DecisionCalls.Find(runner.Store.Definitions, decisionId, called.BindingType, instance.Definition.DeploymentKey, called.VersionTag);
        if (decision is null)
        {
            var where = called.BindingType switch
            {
                "deployment" => " deployed with the process",
                "versionTag" => $" with version tag '{called.VersionTag}'",
                _ => "",
            };
            runner.Incidents.Raise(instance, element, IncidentType.CalledDecisionError,
                $"Expected to evaluate decision '{decisionId}', but no decision found for id '{decisionId}'{where}");
            return;
        }

        var evaluation = DecisionCalls.Evaluate(runner.Store, decision, VariableBehavior.ScopeOf(element), runner.Now, runner.Options.Limits, instance, element);
        if (evaluation.Result is not { } result)
        {
            runner.Incidents.Raise(instance, element, IncidentType.DecisionEvaluationError,
                $"Expected to evaluate decision '{decision.DecisionId}' (version {decision.Version}), but {evaluation.Failure}");
            return;
        }

        runner.Complete(instance, element, new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [called.ResultVariable] = result.Value });
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;
}
