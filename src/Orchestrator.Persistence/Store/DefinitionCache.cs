using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;

namespace Orchestrator.Persistence.Store;

/// <summary>Every deployed process, form and decision version, in memory (loaded at start, added to at deploy); remembers what a command added.</summary>
internal sealed class DefinitionCache : IDefinitionStore
{
    // Read by API requests outside the engine's lock (custom headers of a task), written by deployments inside it.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, ProcessDefinition> _byKey = new();
    private readonly Dictionary<string, SortedList<int, ProcessDefinition>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, FormDefinition> _forms = [];
    private readonly Dictionary<string, FormDefinition> _latestForms = new(StringComparer.Ordinal);
    private readonly Dictionary<long, DecisionRequirements> _requirements = [];
    private readonly Dictionary<long, DecisionDefinition> _decisions = [];
    private readonly Dictionary<string, DecisionDefinition> _latestDecisions = new(StringComparer.Ordinal);

    // The highest stored version of each process, DMN model and decision id that could not be loaded: it still counts for
    // numbering, and while it is the newest, the id has no usable latest version.
    private readonly HighestVersions _unreadable = new();
    private readonly HighestVersions _unreadableRequirements = new();
    private readonly HighestVersions _unreadableDecisions = new();

    // The highest undeployed version of each process, form, DMN model and decision id (undeployed here, on another node, or
    // before a restart):
    // as in Zeebe, a version number is never given twice.
    private readonly HighestVersions _retired = new();
    private readonly HighestVersions _retiredForms = new();
    private readonly HighestVersions _retiredRequirements = new();
    private readonly HighestVersions _retiredDecisions = new();

    public List<ProcessDefinition> AddedProcesses { get; } = [];

    public List<FormDefinition> AddedForms { get; } = [];

    public List<DecisionRequirements> AddedDecisionRequirements { get; } = [];

    public List<ProcessDefinition> RemovedProcesses { get; } = [];

    public List<FormDefinition> RemovedForms { get; } = [];

    public List<DecisionRequirements> RemovedDecisionRequirements { get; } = [];

    public IEnumerable<DecisionRequirements> DecisionRequirements => _requirements.Values;

    // As for processes: while the newest stored version could not be loaded, there is no usable latest version (never an older one).
    public DecisionRequirements? GetLatestDecisionRequirements(string decisionRequirementsId) =>
        _requirements.Values.Where(r => r.DecisionRequirementsId == decisionRequirementsId).MaxBy(r => r.Version) is { } latest
            && latest.Version > _unreadableRequirements[decisionRequirementsId] ? latest : null;

    public DecisionDefinition? GetLatestDecision(string decisionId) =>
        _latestDecisions.GetValueOrDefault(decisionId) is { } latest && latest.Version > _unreadableDecisions[decisionId] ? latest : null;

    public int HighestDecisionRequirementsVersion(string decisionRequirementsId) =>
        Math.Max(
            _requirements.Values.Where(r => r.DecisionRequirementsId == decisionRequirementsId).Select(r => r.Version).DefaultIfEmpty().Max(),
            Math.Max(_unreadableRequirements[decisionRequirementsId], _retiredRequirements[decisionRequirementsId]));

    public int HighestDecisionVersion(string decisionId) =>
        Math.Max(_latestDecisions.GetValueOrDefault(decisionId)?.Version ?? 0, Math.Max(_unreadableDecisions[decisionId], _retiredDecisions[decisionId]));

    /// <summary>Remembers the versions of a stored DMN model that could not be loaded: they still count for numbering.</summary>
    public void MarkUnreadable(Rows.DecisionRequirementsRow requirements, IEnumerable<Rows.DecisionDefinitionRow> decisions)
    {
        _unreadableRequirements.Note(requirements.DecisionRequirementsId, requirements.Version);
        foreach (var decision in decisions)
        {
            _unreadableDecisions.Note(decision.DecisionId, decision.Version);
        }
    }

    public DecisionDefinition? GetDecision(long key) => _decisions.GetValueOrDefault(key);

    public void Add(DecisionRequirements requirements)
    {
        Load(requirements);
        AddedDecisionRequirements.Add(requirements);
    }

    public void Load(DecisionRequirements requirements)
    {
        _requirements[requirements.Key] = requirements;
        foreach (var decision in requirements.Decisions)
        {
            _decisions[decision.Key] = decision;
            if (GetLatestDecision(decision.DecisionId) is not { } latest || latest.Version < decision.Version)
            {
                _latestDecisions[decision.DecisionId] = decision;
            }
        }
    }

    public IEnumerable<ProcessDefinition> All => _byKey.Values;

    public IEnumerable<FormDefinition> Forms => _forms.Values;

    public ProcessDefinition? GetByKey(long key) => _byKey.GetValueOrDefault(key);

    public ProcessDefinition? GetLatest(string bpmnProcessId) =>
        _byId.TryGetValue(bpmnProcessId, out var versions) && versions.Count > 0 && versions.Values[^1].Version > _unreadable[bpmnProcessId]
            ? versions.Values[^1]
            : null;

    public int HighestVersion(string bpmnProcessId) =>
        Math.Max(
            _byId.TryGetValue(bpmnProcessId, out var versions) && versions.Count > 0 ? versions.Values[^1].Version : 0,
            Math.Max(_unreadable[bpmnProcessId], _retired[bpmnProcessId]));

    public int HighestFormVersion(string formId) => Math.Max(GetLatestForm(formId)?.Version ?? 0, _retiredForms[formId]);

    /// <summary>Remembers an undeployed version (read back at start-up): its number is not given again.</summary>
    public void Retire(Rows.RetiredVersionRow row)
    {
        var retired = row.Kind switch
        {
            Rows.RetiredVersionRow.Form => _retiredForms,
            Rows.RetiredVersionRow.DecisionRequirements => _retiredRequirements,
            Rows.RetiredVersionRow.Decision => _retiredDecisions,
            _ => _retired,
        };
        retired.Note(row.Id, row.Version);
    }

    /// <summary>Remembers a stored version that could not be loaded.</summary>
    public void MarkUnreadable(string bpmnProcessId, int version) => _unreadable.Note(bpmnProcessId, version);

    public ProcessDefinition? GetVersion(string bpmnProcessId, int version) =>
        _byId.TryGetValue(bpmnProcessId, out var versions) ? versions.GetValueOrDefault(version) : null;

    public FormDefinition? GetLatestForm(string formId) => _latestForms.GetValueOrDefault(formId);

    public FormDefinition? GetForm(long key) => _forms.GetValueOrDefault(key);

    public void Add(ProcessDefinition definition)
    {
        Load(definition);
        AddedProcesses.Add(definition);
    }

    public void Add(FormDefinition form)
    {
        Load(form);
        AddedForms.Add(form);
    }

    public void Load(ProcessDefinition definition)
    {
        _byKey[definition.Key] = definition;
        if (!_byId.TryGetValue(definition.BpmnProcessId, out var versions))
        {
            _byId[definition.BpmnProcessId] = versions = [];
        }

        versions[definition.Version] = definition;
    }

    public void Load(FormDefinition form)
    {
        _forms[form.Key] = form;
        if (GetLatestForm(form.FormId) is not { } latest || latest.Version < form.Version)
        {
            _latestForms[form.FormId] = form;
        }
    }

    public void Remove(ProcessDefinition definition)
    {
        Forget(definition);
        RemovedProcesses.Add(definition);
    }

    public void Remove(FormDefinition form)
    {
        Forget(form);
        RemovedForms.Add(form);
    }

    public void Remove(DecisionRequirements requirements)
    {
        Forget(requirements);
        RemovedDecisionRequirements.Add(requirements);
    }

    /// <summary>Forgets a DMN model version and its decisions (undeployed here or on another node); each decision's highest remaining version becomes its latest.</summary>
    public void Forget(DecisionRequirements requirements)
    {
        _retiredRequirements.Note(requirements.DecisionRequirementsId, requirements.Version);
        foreach (var decision in requirements.Decisions)
        {
            _retiredDecisions.Note(decision.DecisionId, decision.Version);
        }

        Drop(requirements);
    }

    private void Drop(DecisionRequirements requirements)
    {
        _requirements.Remove(requirements.Key);
        foreach (var decision in requirements.Decisions)
        {
            _decisions.Remove(decision.Key);
            _latestDecisions.Remove(decision.DecisionId);
            if (_decisions.Values.Where(d => d.DecisionId == decision.DecisionId).MaxBy(d => d.Version) is { } previous)
            {
                _latestDecisions[decision.DecisionId] = previous;
            }
        }
    }

    /// <summary>Forgets a process version (undeployed here or on another node).</summary>
    public void Forget(ProcessDefinition definition)
    {
        _retired.Note(definition.BpmnProcessId, definition.Version);
        Drop(definition);
    }

    /// <summary>
    /// Drops a process version from memory. Its version's place may hold another node's version of that number by now (this
    /// node's deployment was left out, and a catch-up brought the one written): that one stays.
    /// </summary>
    private void Drop(ProcessDefinition definition)
    {
        _byKey.TryRemove(definition.Key, out _);
        if (_byId.TryGetValue(definition.BpmnProcessId, out var versions) && versions.TryGetValue(definition.Version, out var held) && held.Key == definition.Key)
        {
            versions.Remove(definition.Version);
        }
    }

    /// <summary>Forgets a form version (undeployed here or on another node); the highest remaining version becomes the latest.</summary>
    public void Forget(FormDefinition form)
    {
        _retiredForms.Note(form.FormId, form.Version);
        Drop(form);
    }

    private void Drop(FormDefinition form)
    {
        _forms.Remove(form.Key);
        _latestForms.Remove(form.FormId);
        if (_forms.Values.Where(f => f.FormId == form.FormId).MaxBy(f => f.Version) is { } previous)
        {
            _latestForms[form.FormId] = previous;
        }
    }

    /// <summary>Forgets what the failed command added and takes back what it removed.</summary>
    public void UndoAdded()
    {
        RemovedProcesses.ForEach(Load);
        RemovedForms.ForEach(Load);
        AddedProcesses.ForEach(Drop);

        AddedDecisionRequirements.ForEach(Drop);
        RemovedDecisionRequirements.ForEach(Load);

        // A version a failed command added was never deployed: its number is free again.
        AddedForms.ForEach(Drop);

        ClearAdded();
    }

    public void ClearAdded()
    {
        AddedProcesses.Clear();
        AddedForms.Clear();
        AddedDecisionRequirements.Clear();
        RemovedProcesses.Clear();
        RemovedForms.Clear();
        RemovedDecisionRequirements.Clear();
    }
}
