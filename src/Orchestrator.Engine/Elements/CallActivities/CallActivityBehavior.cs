using Orchestrator.Engine.Execution;
using Orchestrator.Engine.Execution.Behaviors;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Elements.CallActivities;

/// <summary>A call activity: starts the called process (latest version, or the one deployed with the caller) and completes when it does.</summary>
internal sealed class CallActivityBehavior : IElementBehavior
{
    public void Activate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        var call = element.Node.CallActivity!;
        if (!runner.Variables.TryEvaluateString(instance, element, call.ProcessId, IncidentType.ExtractValueError, "the called process id", out var processId))
        {
            return;
        }

        var definitions = runner.Store.Definitions;
        var definition = call.BindingType == "deployment"
            ? definitions.All.Where(d => d.BpmnProcessId == processId && d.DeploymentKey == instance.Definition.DeploymentKey).MaxBy(d => d.Version)
            : definitions.GetLatest(processId);
        if (definition?.Model.Root.NoneStart is null)
        {
            runner.Incidents.Raise(instance, element, IncidentType.CalledElementError,
                $"Expected process with BPMN process id '{processId}' to be deployed{(call.BindingType == "deployment" ? " with the calling process" : string.Empty)} with a none start event, but it was not found");
            return;
        }

        if (DepthOf(runner, instance) >= runner.Options.MaxCallDepth)
        {
            runner.Incidents.Raise(instance, element, IncidentType.CalledElementError,
                $"the call chain is already {runner.Options.MaxCallDepth:N0} instances deep here, the most it may be; does '{processId}' call itself without end?");
            return;
        }

        var variables = call.PropagateAllParentVariables
            ? VariableBehavior.ScopeOf(element).Collect()
            : new Dictionary<string, FeelValue>(element.Variables ?? [], StringComparer.Ordinal);
        var child = runner.StartInstance(definition, null, variables, caller: element);
        element.CalledInstanceKey = child.Key;
    }

    /// <summary>How many instances deep <paramref name="instance"/> is in its call chain (the root is 1), counted up to the limit.</summary>
    private static int DepthOf(Runner runner, ProcessInstance instance)
    {
        var depth = 1;
        for (var current = instance;
             depth < runner.Options.MaxCallDepth && current.ParentInstanceKey is { } parent && runner.Store.GetInstance(parent) is { } caller;
             current = caller)
        {
            depth++;
        }

        return depth;
    }

    public IReadOnlyList<SequenceFlow>? Leave(Runner runner, ProcessInstance instance, ElementInstance element) => element.Node.Outgoing;

    /// <summary>The called instance is canceled with its caller (the call activity waits when it waits).</summary>
    public void OnTerminate(Runner runner, ProcessInstance instance, ElementInstance element)
    {
        if (element.CalledInstanceKey is { } calledKey && runner.Store.GetInstance(calledKey) is { State: LifecycleState.Active } called)
        {
            runner.TerminateInstance(called);
        }
    }

    public bool IsTerminated(Runner runner, ElementInstance element) =>
        element.CalledInstanceKey is not { } calledKey || runner.Store.GetInstance(calledKey) is not { State: LifecycleState.Active };
}
