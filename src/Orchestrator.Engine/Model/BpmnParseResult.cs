namespace Orchestrator.Engine.Model;

/// <summary>The processes of one BPMN resource, or every problem that keeps it from deploying.</summary>
/// <param name="Processes">The executable processes (empty when there are problems).</param>
/// <param name="Problems">All problems found, each with element id and line.</param>
public sealed record BpmnParseResult(IReadOnlyList<ProcessModel> Processes, IReadOnlyList<ModelProblem> Problems)
{
    /// <summary>True when the resource has no problem.</summary>
    public bool IsValid => Problems.Count == 0;
}
