using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Execution.Behaviors;

/// <summary>
/// Incidents, as a behaviour the runner and the element behaviours share (after Zeebe's incident behaviour): a failure that
/// belongs to the model stops the element where it stands until an operator resolves it. A view over the command's runner,
/// as <see cref="VariableBehavior"/>.
/// </summary>
internal readonly struct IncidentBehavior(Runner runner)
{
    /// <summary>Opens an incident on the element (of its job, when <paramref name="jobKey"/> is given).</summary>
    public void Raise(ProcessInstance instance, ElementInstance element, IncidentType type, string message, long? jobKey = null)
    {
        var incident = new Incident
        {
            Key = runner.Store.NextKey(),
            Type = type,
            // A message may quote a value holding NUL (a FEEL string): PostgreSQL cannot store it, so it is written escaped.
            ErrorMessage = StoredText.EscapeNul(message),
            ProcessInstanceKey = instance.Key,
            ElementInstanceKey = element.Key,
            ElementId = element.Node.Id,
            Definition = instance.Definition,
            JobKey = jobKey,
            CreationTime = runner.Now,
        };
        runner.Store.AddIncident(incident);
        element.IncidentKey = incident.Key;
        runner.History(instance, incident.Key, RecordValueType.Incident, RecordIntent.Created, element.Node.Id, $"{type}: {message}");
        runner.AfterCommit(observer => observer.IncidentCreated(incident));
    }

    /// <summary>The element's open incident ends with it (it was terminated, or the job it was about was canceled).</summary>
    public void EndOpen(ElementInstance element)
    {
        if (element.IncidentKey is { } incidentKey && runner.Store.GetIncident(incidentKey) is { State: LifecycleState.Active } incident)
        {
            incident.State = LifecycleState.Terminated;
            element.IncidentKey = null;
        }
    }
}
