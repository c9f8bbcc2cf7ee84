namespace Orchestrator.Engine.Model;

/// <summary>What a business rule task evaluates (<c>zeebe:calledDecision</c>).</summary>
public sealed class CalledDecisionDefinition
{
    /// <summary>The decision id (literal or FEEL).</summary>
    public required ModelExpression DecisionId { get; init; }

    /// <summary>The variable that receives the decision's output.</summary>
    public required string ResultVariable { get; init; }

    /// <summary><c>latest</c> (default), <c>deployment</c> (the version deployed with the process) or <c>versionTag</c>.</summary>
    public string BindingType { get; init; } = "latest";

    /// <summary>With binding type <c>versionTag</c>: the tag.</summary>
    public string? VersionTag { get; init; }
}
