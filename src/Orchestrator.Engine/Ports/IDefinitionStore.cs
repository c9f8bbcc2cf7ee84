using Orchestrator.Engine.State;

namespace Orchestrator.Engine.Ports;

/// <summary>Deployed process versions and form versions.</summary>
public interface IDefinitionStore
{
    /// <summary>A process version by key.</summary>
    ProcessDefinition? GetByKey(long key);

    /// <summary>The latest version of a process id; null when there is none, or when the latest could not be loaded.</summary>
    ProcessDefinition? GetLatest(string bpmnProcessId);

    /// <summary>The highest version number a process id was deployed with (0 for none), whether or not that version could be loaded.</summary>
    int HighestVersion(string bpmnProcessId);

    /// <summary>A given version of a process id.</summary>
    ProcessDefinition? GetVersion(string bpmnProcessId, int version);

    /// <summary>All process versions.</summary>
    IEnumerable<ProcessDefinition> All { get; }

    /// <summary>The latest version of a form id.</summary>
    FormDefinition? GetLatestForm(string formId);

    /// <summary>A form version by key.</summary>
    FormDefinition? GetForm(long key);

    /// <summary>All form versions.</summary>
    IEnumerable<FormDefinition> Forms { get; }

    /// <summary>Registers a new process version.</summary>
    void Add(ProcessDefinition definition);

    /// <summary>Registers a new form version.</summary>
    void Add(FormDefinition form);
}
