using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// Repairs a running instance by hand, after Camunda 8.8's process instance modification: activate elements (optionally with
/// variables), terminate element instances, move tokens (terminate and activate in one). Every instruction is checked before
/// anything changes, so a refusal changes nothing. Activations run first, then terminations; a scope left with nothing active
/// by a termination is terminated too, up to the process instance, which then ends as terminated (Zeebe terminates the flow
/// scopes a modification empties; nothing completes by it).
/// </summary>
internal static class InstanceModification
{
    /// <summary>Checks and applies the instructions; returns a short account for the history.</summary>
    public static string Modify(Runner runner, ProcessInstance instance, ProcessInstanceModification modification)
    {
        var activations = new List<Planned>();
        var terminations = new List<ElementInstance>();
        var activate = modification.Activate ?? [];
        var terminate = modification.Terminate ?? [];
        var moves = modification.Move ?? [];
        if (activate.Count + terminate.Count + moves.Count == 0)
        {
            throw Invalid("give at least one activate, terminate or move instruction");
        }

        for (var i = 0; i < terminate.Count; i++)
        {
            terminations.Add(Active(instance, terminate[i], $"terminateInstructions[{i}].elementInstanceKey"));
        }

        for (var i = 0; i < moves.Count; i++)
        {
            var move = moves[i];
            var field = $"moveInstructions[{i}]";
            var target = Element(instance, move?.TargetElementId, $"{field}.targetElementId");
            var sources = Sources(instance, move!, field);
            foreach (var source in sources)
            {
                var scope = target.Parent == source.Node.Parent ? source.Scope! : Scope(instance, target, null, $"{field}.targetElementId");
                activations.Add(new Planned(target, scope, Variables(instance, target, scope, move!.Variables, $"{field}.variableInstructions")));
                terminations.Add(source);
            }
        }

        for (var i = 0; i < activate.Count; i++)
        {
            var instruction = activate[i];
            var field = $"activateInstructions[{i}]";
            var node = Element(instance, instruction?.ElementId, $"{field}.elementId");
            var scope = Scope(instance, node, instruction!.AncestorElementInstanceKey, $"{field}.ancestorElementInstanceKey");
            activations.Add(new Planned(node, scope, Variables(instance, node, scope, instruction.Variables, $"{field}.variableInstructions")));
        }

        var terminated = terminations.Distinct().ToList();
        foreach (var planned in activations)
        {
            if (terminated.Any(t => IsWithin(planned.Scope, t)))
            {
                throw Invalid($"'{planned.Node.Id}' would be activated inside '{planned.Scope.Node.Id}', which this modification terminates");
            }
        }

        // A called instance emptied by hand would end without its caller hearing of it (Zeebe refuses this too).
        if (activations.Count == 0 && instance.ParentInstanceKey is { } caller
            && instance.Elements.Values.All(e => e == instance.Root || terminated.Any(t => IsWithin(e, t))))
        {
            throw new EngineException(EngineError.InvalidState,
                $"terminating every element of process instance {instance.Key} would end it while the call activity of process instance {caller} waits for it; " +
                $"cancel its root process instance {runner.TopOf(instance)} instead, or activate an element in the same modification");
        }

        foreach (var planned in activations)
        {
            var element = runner.Activate(instance, planned.Node, planned.Scope);
            foreach (var (scope, variables) in planned.Variables)
            {
                foreach (var (name, value) in variables)
                {
                    runner.Variables.SetLocal(instance, scope ?? element, name, value);
                }
            }
        }

        foreach (var element in terminated)
        {
            if (!instance.Elements.ContainsKey(element.Key) || element.Terminating)
            {
                continue;
            }

            var scope = element.Scope!;
            if (runner.Terminate(instance, element))
            {
                TerminateEmptied(runner, instance, scope);
            }
        }

        instance.Revision++;
        return string.Join("; ", activations.Select(a => $"activated {Label(a.Node)}").Concat(terminated.Select(t => $"terminated {Label(t.Node)}")));
    }

    /// <summary>A scope a termination left with nothing active goes too (the process: the instance ends as terminated).</summary>
    private static void TerminateEmptied(Runner runner, ProcessInstance instance, ElementInstance scope)
    {
        while (instance.Elements.ContainsKey(scope.Key) && scope.ActiveChildren == 0 && !scope.Terminating)
        {
            if (scope.Scope is not { } parent)
            {
                runner.TerminateInstance(instance);
                return;
            }

            if (!runner.Terminate(instance, scope))
            {
                return;
            }

            scope = parent;
        }
    }

    private static ElementInstance Active(ProcessInstance instance, long key, string field)
    {
        if (!instance.Elements.TryGetValue(key, out var element))
        {
            throw Invalid($"{field}: {key} is not an active element instance of process instance {instance.Key}");
        }

        if (element.Scope is null)
        {
            throw Invalid($"{field}: {key} is the process instance itself; cancel it instead");
        }

        return element.Terminating ? throw Busy($"{field}: element instance {key} ('{element.Node.Id}') is being terminated already") : element;
    }

    private static List<ElementInstance> Sources(ProcessInstance instance, ModificationMove move, string field)
    {
        if (move.SourceElementInstanceKey is { } key)
        {
            return [Active(instance, key, $"{field}.sourceElementInstruction.sourceElementInstanceKey")];
        }

        if (string.IsNullOrEmpty(move.SourceElementId))
        {
            throw Invalid($"{field}.sourceElementInstruction needs a sourceElementId or a sourceElementInstanceKey");
        }

        if (!instance.Definition.Model.Elements.ContainsKey(move.SourceElementId))
        {
            throw Invalid($"{field}.sourceElementInstruction.sourceElementId: '{move.SourceElementId}' is not an element of {Describe(instance)}");
        }

        // A multi-instance activity moves as its body, as Camunda moves it.
        var sources = instance.Elements.Values
            .Where(e => e.Node.Id == move.SourceElementId && e.Scope is not null && !e.Terminating && (e.IsMultiInstanceBody || e.Scope.Node != e.Node))
            .OrderBy(e => e.Key).ToList();
        return sources.Count > 0 ? sources : throw Invalid($"{field}.sourceElementInstruction.sourceElementId: '{move.SourceElementId}' has no active instance");
    }

    /// <summary>An element that may be activated by hand (Camunda refuses start events, boundary events and an event-based gateway's events).</summary>
    private static FlowNode Element(ProcessInstance instance, string? elementId, string field)
    {
        if (string.IsNullOrEmpty(elementId))
        {
            throw Invalid($"{field} is required");
        }

        if (!instance.Definition.Model.Elements.TryGetValue(elementId, out var node))
        {
            throw Invalid($"{field}: '{elementId}' is not an element of {Describe(instance)}");
        }

        if (node.Kind is ElementKind.StartEvent or ElementKind.BoundaryEvent || node.Incoming.Any(f => f.Source.Kind == ElementKind.EventBasedGateway))
        {
            throw Invalid($"{field}: '{elementId}' is a start event, a boundary event or an event of an event-based gateway; those cannot be activated by hand");
        }

        for (var scope = node.Parent; scope is not null; scope = scope.Parent)
        {
            if (scope.MultiInstance is not null)
            {
                throw Invalid($"{field}: '{elementId}' is inside the multi-instance '{scope.Id}'; activating elements there is not supported");
            }
        }

        return node;
    }

    /// <summary>
    /// The active instance of the element's enclosing scope to activate it in: the process, or the one active instance of its
    /// subprocess (or the one the ancestor key names). A subprocess with no active instance is not created.
    /// </summary>
    private static ElementInstance Scope(ProcessInstance instance, FlowNode node, long? ancestorKey, string field)
    {
        var parent = node.Parent!;
        var candidates = instance.Elements.Values
            .Where(e => e.Node == parent && !e.IsMultiInstanceBody && !e.Terminating && e.AfterTermination is null)
            .ToList();
        if (ancestorKey is { } key)
        {
            return candidates.FirstOrDefault(c => c.Key == key)
                ?? throw Invalid($"{field}: {key} is not an active instance of '{parent.Id}', the scope that holds '{node.Id}'");
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw Invalid($"'{node.Id}' is inside '{parent.Id}', which has no active instance; activate '{parent.Id}' itself (creating the enclosing scope is not supported)"),
            _ => throw Invalid($"'{parent.Id}', the scope that holds '{node.Id}', runs {candidates.Count} times; name one with {field}"),
        };
    }

    /// <summary>Where each variable instruction's variables go: null for the activated element itself, else an enclosing scope instance.</summary>
    private static List<(ElementInstance? Scope, IReadOnlyDictionary<string, FeelValue> Variables)> Variables(
        ProcessInstance instance, FlowNode node, ElementInstance scope, IReadOnlyList<ModificationVariables>? instructions, string field)
    {
        var result = new List<(ElementInstance?, IReadOnlyDictionary<string, FeelValue>)>();
        for (var i = 0; i < (instructions?.Count ?? 0); i++)
        {
            var instruction = instructions![i];
            if (instruction?.Variables is null)
            {
                throw Invalid($"{field}[{i}].variables is required");
            }

            if (instruction.ScopeId == node.Id)
            {
                result.Add((null, instruction.Variables));
                continue;
            }

            if (string.IsNullOrEmpty(instruction.ScopeId))
            {
                result.Add((instance.Root!, instruction.Variables));
                continue;
            }

            var target = scope;
            while (target is not null && target.Node.Id != instruction.ScopeId)
            {
                target = target.Scope;
            }

            result.Add((target ?? throw Invalid($"{field}[{i}].scopeId: '{instruction.ScopeId}' is neither '{node.Id}' nor a scope that holds it"),
                instruction.Variables));
        }

        return result;
    }

    private static bool IsWithin(ElementInstance element, ElementInstance scope)
    {
        for (var current = element; current is not null; current = current.Scope)
        {
            if (current == scope)
            {
                return true;
            }
        }

        return false;
    }

    private static string Label(FlowNode node) => string.IsNullOrEmpty(node.Name) ? node.Id : $"{node.Name} ({node.Id})";

    private static string Describe(ProcessInstance instance) => $"process '{instance.Definition.BpmnProcessId}' version {instance.Definition.Version}";

    private static EngineException Invalid(string message) => new(EngineError.InvalidArgument, message);

    private static EngineException Busy(string message) => new(EngineError.InvalidState, message);

    private sealed record Planned(FlowNode Node, ElementInstance Scope, List<(ElementInstance? Scope, IReadOnlyDictionary<string, FeelValue> Variables)> Variables);
}
