namespace Orchestrator.Engine.State;

/// <summary>What a job is for, as Camunda names its kinds.</summary>
public enum JobKind
{
    /// <summary>The element's own work (a service task's job, a job-based user task...).</summary>
    BpmnElement,

    /// <summary>An execution listener of an element or process (<c>zeebe:executionListener</c>).</summary>
    ExecutionListener,

    /// <summary>A task listener of a user task (<c>zeebe:taskListener</c>).</summary>
    TaskListener,
}
