using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.ScriptTasks;

/// <summary>A script task: with <c>zeebe:script</c> it evaluates FEEL into its result variable; with a task definition it is a job.</summary>
internal sealed class ScriptTaskBehavior : IElementBehavior
{
    private readonly JobWorkerBehavior _jobBased = new();

    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var node = element.Node;
        if (node.Script is null)
        {
            _jobBased.Activate(runner, instance, element);
            return;
        }

        if (runner.Variables.TryEvaluate(instance, element, node.Script, IncidentType.ExtractValueError, "the script", out var value))
        {
            runner.Complete(instance, element, new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [node.ScriptResultVariable!] = value });
        }
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;
}
