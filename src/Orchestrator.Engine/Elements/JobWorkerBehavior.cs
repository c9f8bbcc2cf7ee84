using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements;

/// <summary>
/// Elements that wait for a job (Zeebe's job worker elements): service, send, business rule and job-based script tasks, message
/// throw and end events with a task definition, and user tasks without <c>zeebe:userTask</c>
/// (job type <c>io.camunda.zeebe:userTask</c>, as Camunda does).
/// </summary>
internal sealed class JobWorkerBehavior : IElementBehavior
{
    public const string UserTaskJobType = "io.camunda.zeebe:userTask";

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        string type;
        if (node.JobType is null)
        {
            type = UserTaskJobType;
        }
        else if (!runner.Variables.TryEvaluateString(instance, element, node.JobType, IncidentType.ExtractValueError, "the job type", out type))
        {
            return;
        }

        if (!runner.Jobs.TryRetries(instance, element, node.JobRetries, "the job retries", out var retries))
        {
            return;
        }

        runner.Jobs.Create(instance, element, type, retries, node.JobType is null ? UserTaskHeaders(runner, element) : node.Headers);
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;

    /// <summary>A job-based user task carries its assignment as headers, named as Camunda names them.</summary>
    private static Dictionary<string, string> UserTaskHeaders(Runner runner, ElementInstance element)
    {
        var headers = new Dictionary<string, string>(element.Node.Headers, StringComparer.Ordinal);
        if (element.Node.UserTask is not { } task)
        {
            return headers;
        }

        var scope = VariableBehavior.ScopeOf(element);
        void Add(string name, ModelExpression? expression)
        {
            if (expression?.Evaluate(scope).Value is { } value and not FeelNull)
            {
                headers[name] = value is FeelString s ? s.Value : Feel.Json.FeelJson.ToJsonString(value);
            }
        }

        Add("io.camunda.zeebe:assignee", task.Assignee);
        Add("io.camunda.zeebe:candidateGroups", task.CandidateGroups);
        Add("io.camunda.zeebe:candidateUsers", task.CandidateUsers);
        Add("io.camunda.zeebe:dueDate", task.DueDate);
        Add("io.camunda.zeebe:followUpDate", task.FollowUpDate);
        if (task.FormKey is not null)
        {
            headers["io.camunda.zeebe:formKey"] = task.FormKey;
        }

        return headers;
    }
}
