using System.Text.Json;
using System.Text.Json.Serialization;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Cluster;

/// <summary>The keys of the engine state one journal transaction wrote, by kind (stored as JSON in <see cref="ChangeRow.Keys"/>).</summary>
internal sealed class ChangeKeys
{
    public HashSet<long> Definitions { get; init; } = [];
    public HashSet<long> Forms { get; init; } = [];
    public HashSet<long> DecisionRequirements { get; init; } = [];
    public HashSet<long> Instances { get; init; } = [];
    public HashSet<long> Jobs { get; init; } = [];
    public HashSet<long> Tasks { get; init; } = [];
    public HashSet<long> Incidents { get; init; } = [];
    public HashSet<long> Subscriptions { get; init; } = [];
    public HashSet<long> Messages { get; init; } = [];

    /// <summary>Whether the cluster's clock was pinned (<see cref="ClockPinned"/>) or reset (null) in this transaction.</summary>
    public bool ClockChanged { get; set; }

    /// <summary>The pinned clock in epoch milliseconds, when <see cref="ClockChanged"/>.</summary>
    public long? ClockPinned { get; set; }

    /// <summary>Whether process definitions, forms or decision models were deployed or undeployed.</summary>
    [JsonIgnore]
    public bool TouchesDefinitions => Definitions.Count + Forms.Count + DecisionRequirements.Count > 0;

    [JsonIgnore]
    public bool IsEmpty => !ClockChanged && !TouchesDefinitions && Instances.Count + Jobs.Count + Tasks.Count + Incidents.Count + Subscriptions.Count + Messages.Count == 0;

    /// <summary>What a batch of row changes touched. Variables and element instances change only with their instance's history.</summary>
    public static ChangeKeys Of(IEnumerable<RowChange> changes)
    {
        var keys = new ChangeKeys();
        foreach (var change in changes)
        {
            _ = change.Row switch
            {
                ProcessDefinitionRow d => keys.Definitions.Add(d.Key),
                FormRow f => keys.Forms.Add(f.Key),
                DecisionRequirementsRow r => keys.DecisionRequirements.Add(r.Key),
                ProcessInstanceRow i => keys.Instances.Add(i.Key),
                HistoryBlockRow h => keys.Instances.Add(h.ProcessInstanceKey),
                JobRow j => keys.Jobs.Add(j.Key),
                UserTaskRow t => keys.Tasks.Add(t.Key),
                IncidentRow n => keys.Incidents.Add(n.Key),
                SubscriptionRow s => keys.Subscriptions.Add(s.Key),
                MessageRow m => keys.Messages.Add(m.Key),
                _ => false,
            };
        }

        return keys;
    }

    public void Add(ChangeKeys other)
    {
        if (other.ClockChanged)
        {
            ClockChanged = true;
            ClockPinned = other.ClockPinned;
        }

        Definitions.UnionWith(other.Definitions);
        Forms.UnionWith(other.Forms);
        DecisionRequirements.UnionWith(other.DecisionRequirements);
        Instances.UnionWith(other.Instances);
        Jobs.UnionWith(other.Jobs);
        Tasks.UnionWith(other.Tasks);
        Incidents.UnionWith(other.Incidents);
        Subscriptions.UnionWith(other.Subscriptions);
        Messages.UnionWith(other.Messages);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ChangeKeys FromJson(string json) => JsonSerializer.Deserialize<ChangeKeys>(json) ?? new ChangeKeys();
}
