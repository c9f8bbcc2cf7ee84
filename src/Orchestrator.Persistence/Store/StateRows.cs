using Orchestrator.Persistence.Cluster;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The rows of engine state behind a set of keys, read in one go so that a catch-up reads while commands run and only puts them
/// into memory under the engine's lock. Each kind is read only when some of its keys changed.
/// </summary>
internal sealed class StateRows
{
    public required Dictionary<long, ProcessInstanceRow> Instances { get; init; }
    public required ILookup<long, VariableRow> Variables { get; init; }
    public required ILookup<long, VariableRow> EndedVariables { get; init; }
    public required List<JobRow> Jobs { get; init; }
    public required List<UserTaskRow> Tasks { get; init; }
    public required List<IncidentRow> Incidents { get; init; }
    public required List<SubscriptionRow> Subscriptions { get; init; }
    public required Dictionary<long, MessageRow> Messages { get; init; }

    public static StateRows Read(OrchestratorDbContext context, ChangeKeys keys)
    {
        var instances = keys.Instances.Count == 0 ? [] : context.ProcessInstances.Where(i => keys.Instances.Contains(i.Key)).ToDictionary(i => i.Key);
        var ended = instances.Values.Where(i => i.State != "ACTIVE").Select(i => i.Key).ToList();
        return new StateRows
        {
            Instances = instances,
            Variables = (keys.Instances.Count == 0 ? [] : StateLoading.ActiveVariables(context, keys.Instances))
                .ToLookup(v => v.ProcessInstanceKey),
            // An instance that ended answers its waiters with its root scope's variables.
            EndedVariables = (ended.Count == 0 ? [] : context.Variables.Where(v => ended.Contains(v.ProcessInstanceKey) && v.ScopeKey == v.ProcessInstanceKey).ToList())
                .ToLookup(v => v.ProcessInstanceKey),
            Jobs = keys.Jobs.Count == 0 ? [] : context.Jobs.Where(j => keys.Jobs.Contains(j.Key)).ToList(),
            Tasks = keys.Tasks.Count == 0 ? [] : context.UserTasks.Where(UserTaskRow.Live).Where(t => keys.Tasks.Contains(t.Key)).ToList(),
            Incidents = keys.Incidents.Count == 0 ? [] : context.Incidents.Where(i => keys.Incidents.Contains(i.Key) && i.State == "ACTIVE").ToList(),
            Subscriptions = keys.Subscriptions.Count == 0 ? [] : context.Subscriptions.Where(s => keys.Subscriptions.Contains(s.Key)).ToList(),
            Messages = keys.Messages.Count == 0 ? [] : context.Messages.Where(m => keys.Messages.Contains(m.Key)).ToDictionary(m => m.Key),
        };
    }

    /// <summary>The rows of <paramref name="keys"/> only.</summary>
    public StateRows For(ChangeKeys keys) => new()
    {
        Instances = Instances.Where(i => keys.Instances.Contains(i.Key)).ToDictionary(),
        Variables = Variables,
        EndedVariables = EndedVariables,
        Jobs = [.. Jobs.Where(j => keys.Jobs.Contains(j.Key))],
        Tasks = [.. Tasks.Where(t => keys.Tasks.Contains(t.Key))],
        Incidents = [.. Incidents.Where(i => keys.Incidents.Contains(i.Key))],
        Subscriptions = [.. Subscriptions.Where(s => keys.Subscriptions.Contains(s.Key))],
        Messages = Messages.Where(m => keys.Messages.Contains(m.Key)).ToDictionary(),
    };
}
