namespace Orchestrator.Engine.Model;

/// <summary>What a call activity calls (<c>zeebe:calledElement</c>).</summary>
public sealed class CallActivityDefinition
{
    /// <summary>The called process id (literal or FEEL).</summary>
    public required ModelExpression ProcessId { get; init; }

    /// <summary><c>latest</c> (default) or <c>deployment</c> (the version deployed with the caller).</summary>
    public string BindingType { get; init; } = "latest";

    /// <summary>Copy all of the child's variables back on completion (default true).</summary>
    public bool PropagateAllChildVariables { get; init; } = true;

    /// <summary>Pass all of the caller's visible variables to the child (default true).</summary>
    public bool PropagateAllParentVariables { get; init; } = true;
}
