using System.Globalization;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Jobs, as a behaviour the runner and the element behaviours share (after Zeebe's job behaviour): the job an element (or
/// its listener) waits for, created and canceled. A view over the command's runner, as <see cref="VariableBehavior"/>.
/// </summary>
internal readonly struct JobBehavior(Runner runner)
{
    /// <summary>Creates the element's job; workers polling for its type are told.</summary>
    public void Create(ProcessInstance instance, ElementInstance element, string type, int retries, IReadOnlyDictionary<string, string> headers,
        JobKind kind = JobKind.BpmnElement, ListenerEventType listenerEventType = ListenerEventType.Unspecified)
    {
        var job = new Job
        {
            Kind = kind,
            ListenerEventType = listenerEventType,
            Key = runner.Store.NextKey(),
            Type = type,
            ProcessInstanceKey = instance.Key,
            ElementInstanceKey = element.Key,
            ElementId = element.Node.Id,
            Definition = instance.Definition,
            CustomHeaders = headers,
            Retries = retries,
        };
        runner.Store.AddJob(job);
        element.JobKey = job.Key;
        runner.History(instance, job.Key, RecordValueType.Job, RecordIntent.Created, element.Node.Id, type);
        runner.AfterCommit(observer => observer.JobsAvailable(type));
    }

    /// <summary>Cancels the element's open job (the element is terminated, or an ad-hoc subprocess's worker gets a new one).</summary>
    public void Cancel(ProcessInstance instance, ElementInstance element)
    {
        if (element.JobKey is { } jobKey && runner.Store.GetJob(jobKey) is { State: JobState.Activatable or JobState.Activated or JobState.Failed } job)
        {
            job.State = JobState.Canceled;
            runner.History(instance, job.Key, RecordValueType.Job, RecordIntent.Canceled, element.Node.Id, job.Type);
            if (element.IncidentKey is { } incidentKey && runner.Store.GetIncident(incidentKey) is { JobKey: { } incidentJob } && incidentJob == jobKey)
            {
                // The job's incident (out of retries) goes with it.
                runner.Incidents.EndOpen(element);
            }
        }

        element.JobKey = null;
    }

    /// <summary>A job's retries: Camunda's 3 without an expression, else the whole number it evaluates to; false when that raised an incident.</summary>
    public bool TryRetries(ProcessInstance instance, ElementInstance element, ModelExpression? expression, string what, out int retries)
    {
        retries = 3;
        if (expression is null)
        {
            return true;
        }

        if (!runner.Variables.TryEvaluate(instance, element, expression, IncidentType.ExtractValueError, what, out var value))
        {
            return false;
        }

        if (!TryInteger(value, out retries))
        {
            runner.Incidents.Raise(instance, element, IncidentType.ExtractValueError, $"expected {what} '{expression.Text}' to be a whole number but it was '{value}'");
            return false;
        }

        return true;
    }

    private static bool TryInteger(FeelValue value, out int result)
    {
        result = 0;
        return value switch
        {
            FeelNumber n when decimal.IsInteger(n.Value) && n.Value is >= 0 and <= int.MaxValue => (result = (int)n.Value) >= 0,
            FeelString s => int.TryParse(s.Value, CultureInfo.InvariantCulture, out result) && result >= 0,
            _ => false,
        };
    }
}
