using Orchestrator.Engine.Ports;
using Orchestrator.Engine.State;

namespace Orchestrator.Engine.InMemory;

/// <summary>Process, form and decision versions in memory.</summary>
public sealed class InMemoryDefinitionStore : IDefinitionStore
{
    private readonly Dictionary<long, ProcessDefinition> _byKey = [];
    private readonly Dictionary<string, List<ProcessDefinition>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<long, FormDefinition> _formsByKey = [];
    private readonly Dictionary<string, List<FormDefinition>> _formsById = new(StringComparer.Ordinal);
    private readonly List<DecisionRequirements> _requirements = [];
    private readonly Dictionary<long, DecisionDefinition> _decisions = [];
    private readonly Dictionary<string, DecisionDefinition> _latestDecisions = new(StringComparer.Ordinal);

    // The highest undeployed version of each process, form, DMN model and decision id: numbers are never given twice.
    private readonly HighestVersions _retired = new();
    private readonly HighestVersions _retiredForms = new();
    private readonly HighestVersions _retiredRequirements = new();
    private readonly HighestVersions _retiredDecisions = new();

    /// <inheritdoc />
    public IEnumerable<ProcessDefinition> All => _byKey.Values;

    /// <inheritdoc />
    public IEnumerable<FormDefinition> Forms => _formsByKey.Values;

    /// <inheritdoc />
    public ProcessDefinition? GetByKey(long key) => _byKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public ProcessDefinition? GetLatest(string bpmnProcessId) => _byId.TryGetValue(bpmnProcessId, out var versions) ? versions[^1] : null;

    /// <inheritdoc />
    public int HighestVersion(string bpmnProcessId) => Math.Max(GetLatest(bpmnProcessId)?.Version ?? 0, _retired[bpmnProcessId]);

    /// <inheritdoc />
    public ProcessDefinition? GetVersion(string bpmnProcessId, int version) =>
        _byId.TryGetValue(bpmnProcessId, out var versions) ? versions.Find(v => v.Version == version) : null;

    /// <inheritdoc />
    public FormDefinition? GetLatestForm(string formId) => _formsById.TryGetValue(formId, out var versions) ? versions[^1] : null;

    /// <inheritdoc />
    public FormDefinition? GetForm(long key) => _formsByKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public int HighestFormVersion(string formId) => Math.Max(GetLatestForm(formId)?.Version ?? 0, _retiredForms[formId]);

    /// <inheritdoc />
    public void Add(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _byKey.Add(definition.Key, definition);
        if (!_byId.TryGetValue(definition.BpmnProcessId, out var versions))
        {
            _byId[definition.BpmnProcessId] = versions = [];
        }

        versions.Add(definition);
    }

    /// <inheritdoc />
    public void Add(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        _formsByKey.Add(form.Key, form);
        if (!_formsById.TryGetValue(form.FormId, out var versions))
        {
            _formsById[form.FormId] = versions = [];
        }

        versions.Add(form);
    }

    /// <inheritdoc />
    public void Remove(ProcessDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _retired.Note(definition.BpmnProcessId, definition.Version);
        _byKey.Remove(definition.Key);
        if (_byId.TryGetValue(definition.BpmnProcessId, out var versions) && versions.RemoveAll(v => v.Key == definition.Key) > 0 && versions.Count == 0)
        {
            _byId.Remove(definition.BpmnProcessId);
        }
    }

    /// <inheritdoc />
    public void Remove(FormDefinition form)
    {
        ArgumentNullException.ThrowIfNull(form);
        _retiredForms.Note(form.FormId, form.Version);
        _formsByKey.Remove(form.Key);
        if (_formsById.TryGetValue(form.FormId, out var versions) && versions.RemoveAll(v => v.Key == form.Key) > 0 && versions.Count == 0)
        {
            _formsById.Remove(form.FormId);
        }
    }

    /// <inheritdoc />
    public IEnumerable<DecisionRequirements> DecisionRequirements => _requirements;

    /// <inheritdoc />
    public DecisionRequirements? GetLatestDecisionRequirements(string decisionRequirementsId) =>
        _requirements.Where(r => r.DecisionRequirementsId == decisionRequirementsId).MaxBy(r => r.Version);

    /// <inheritdoc />
    public DecisionDefinition? GetLatestDecision(string decisionId) => _latestDecisions.GetValueOrDefault(decisionId);

    /// <inheritdoc />
    public DecisionDefinition? GetDecision(long key) => _decisions.GetValueOrDefault(key);

    /// <inheritdoc />
    public int HighestDecisionRequirementsVersion(string decisionRequirementsId) =>
        Math.Max(GetLatestDecisionRequirements(decisionRequirementsId)?.Version ?? 0, _retiredRequirements[decisionRequirementsId]);

    /// <inheritdoc />
    public int HighestDecisionVersion(string decisionId) => Math.Max(GetLatestDecision(decisionId)?.Version ?? 0, _retiredDecisions[decisionId]);

    /// <inheritdoc />
    public void Add(DecisionRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        _requirements.Add(requirements);
        foreach (var decision in requirements.Decisions)
        {
            _decisions.Add(decision.Key, decision);
            if (GetLatestDecision(decision.DecisionId) is not { } latest || latest.Version < decision.Version)
            {
                _latestDecisions[decision.DecisionId] = decision;
            }
        }
    }

    /// <inheritdoc />
    public void Remove(DecisionRequirements requirements)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        _retiredRequirements.Note(requirements.DecisionRequirementsId, requirements.Version);
        _requirements.Remove(requirements);
        foreach (var decision in requirements.Decisions)
        {
            _retiredDecisions.Note(decision.DecisionId, decision.Version);
            _decisions.Remove(decision.Key);
            _latestDecisions.Remove(decision.DecisionId);
            if (_decisions.Values.Where(d => d.DecisionId == decision.DecisionId).MaxBy(d => d.Version) is { } previous)
            {
                _latestDecisions[decision.DecisionId] = previous;
            }
        }
    }
}
