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

    // The highest undeployed version of each process and form id: numbers are never given twice.
    private readonly Dictionary<string, int> _retired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _retiredForms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _retiredRequirements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _retiredDecisions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IEnumerable<ProcessDefinition> All => _byKey.Values;

    /// <inheritdoc />
    public IEnumerable<FormDefinition> Forms => _formsByKey.Values;

    /// <inheritdoc />
    public ProcessDefinition? GetByKey(long key) => _byKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public ProcessDefinition? GetLatest(string bpmnProcessId) => _byId.TryGetValue(bpmnProcessId, out var versions) ? versions[^1] : null;

    /// <inheritdoc />
    public int HighestVersion(string bpmnProcessId) => Math.Max(GetLatest(bpmnProcessId)?.Version ?? 0, _retired.GetValueOrDefault(bpmnProcessId));

    /// <inheritdoc />
    public ProcessDefinition? GetVersion(string bpmnProcessId, int version) =>
        _byId.TryGetValue(bpmnProcessId, out var versions) ? versions.Find(v => v.Version == version) : null;

    /// <inheritdoc />
    public FormDefinition? GetLatestForm(string formId) => _formsById.TryGetValue(formId, out var versions) ? versions[^1] : null;

    /// <inheritdoc />
    public FormDefinition? GetForm(long key) => _formsByKey.GetValueOrDefault(key);

    /// <inheritdoc />
    public int HighestFormVersion(string formId) => Math.Max(GetLatestForm(formId)?.Version ?? 0, _retiredForms.GetValueOrDefault(formId));

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
        _retired[definition.BpmnProcessId] = Math.Max(definition.Version, _retired.GetValueOrDefault(definition.BpmnProcessId));
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
        _retiredForms[form.FormId] = Math.Max(form.Version, _retiredForms.GetValueOrDefault(form.FormId));
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
        Math.Max(GetLatestDecisionRequirements(decisionRequirementsId)?.Version ?? 0, _retiredRequirements.GetValueOrDefault(decisionRequirementsId));

    /// <inheritdoc />
    public int HighestDecisionVersion(string decisionId) => Math.Max(GetLatestDecision(decisionId)?.Version ?? 0, _retiredDecisions.GetValueOrDefault(decisionId));

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
        _retiredRequirements[requirements.DecisionRequirementsId] =
            Math.Max(requirements.Version, _retiredRequirements.GetValueOrDefault(requirements.DecisionRequirementsId));
        _requirements.Remove(requirements);
        foreach (var decision in requirements.Decisions)
        {
            _retiredDecisions[decision.DecisionId] = Math.Max(decision.Version, _retiredDecisions.GetValueOrDefault(decision.DecisionId));
            _decisions.Remove(decision.Key);
            _latestDecisions.Remove(decision.DecisionId);
            if (_decisions.Values.Where(d => d.DecisionId == decision.DecisionId).MaxBy(d => d.Version) is { } previous)
            {
                _latestDecisions[decision.DecisionId] = previous;
            }
        }
    }
}
