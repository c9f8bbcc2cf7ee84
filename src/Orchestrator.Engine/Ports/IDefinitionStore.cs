using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Ports;

/// <summary>Deployed process, form and decision versions.</summary>
public interface IDefinitionStore
{
    /// <summary>A process version by key.</summary>
    ProcessDefinition? GetByKey(long key);

    /// <summary>The latest version of a process id; null when there is none, or when the latest could not be loaded.</summary>
    ProcessDefinition? GetLatest(string bpmnProcessId);

    /// <summary>
    /// The highest version number a process id was deployed with (0 for none), whether or not that version could be loaded, and
    /// counting undeployed versions: as in Zeebe, a version number is never given twice.
    /// </summary>
    int HighestVersion(string bpmnProcessId);

    /// <summary>A given version of a process id.</summary>
    ProcessDefinition? GetVersion(string bpmnProcessId, int version);

    /// <summary>All process versions.</summary>
    IEnumerable<ProcessDefinition> All { get; }

    /// <summary>The latest version of a form id.</summary>
    FormDefinition? GetLatestForm(string formId);

    /// <summary>A form version by key.</summary>
    FormDefinition? GetForm(long key);

    /// <summary>The highest version number a form id was deployed with (0 for none), counting undeployed versions.</summary>
    int HighestFormVersion(string formId);

    /// <summary>All form versions.</summary>
    IEnumerable<FormDefinition> Forms { get; }

    /// <summary>Registers a new process version.</summary>
    void Add(ProcessDefinition definition);

    /// <summary>Registers a new form version.</summary>
    void Add(FormDefinition form);

    /// <summary>Forgets an undeployed process version; the highest remaining version of its id becomes the latest.</summary>
    void Remove(ProcessDefinition definition);

    /// <summary>Forgets an undeployed form version; the highest remaining version of its id becomes the latest.</summary>
    void Remove(FormDefinition form);

    /// <summary>The latest version of a DMN model by its definitions id.</summary>
    DecisionRequirements? GetLatestDecisionRequirements(string decisionRequirementsId);

    /// <summary>The latest version of a decision by its id.</summary>
    DecisionDefinition? GetLatestDecision(string decisionId);

    /// <summary>The highest version number a DMN model was deployed with (0 for none), whether or not that version could be loaded.</summary>
    int HighestDecisionRequirementsVersion(string decisionRequirementsId);

    /// <summary>The highest version number a decision was deployed with (0 for none), whether or not that version could be loaded.</summary>
    int HighestDecisionVersion(string decisionId);

    /// <summary>A decision version by key.</summary>
    DecisionDefinition? GetDecision(long key);

    /// <summary>All DMN model versions.</summary>
    IEnumerable<DecisionRequirements> DecisionRequirements { get; }

    /// <summary>Registers a new DMN model version and its decisions.</summary>
    void Add(DecisionRequirements requirements);

    /// <summary>
    /// Forgets an undeployed DMN model version with its decisions: the highest remaining version of each decision id becomes its
    /// latest; the numbers of both are not given again.
    /// </summary>
    void Remove(DecisionRequirements requirements);
}
