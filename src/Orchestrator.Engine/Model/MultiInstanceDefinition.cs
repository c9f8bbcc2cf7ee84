namespace Orchestrator.Engine.Model;

/// <summary>The multi-instance loop of an activity (<c>zeebe:loopCharacteristics</c>).</summary>
public sealed class MultiInstanceDefinition
{
    /// <summary>True for one instance after another; false for all at once.</summary>
    public bool IsSequential { get; init; }

    /// <summary>The collection to iterate (FEEL).</summary>
    public required ModelExpression InputCollection { get; init; }

    /// <summary>The variable that holds the current item in each instance, if any.</summary>
    public string? InputElement { get; init; }

    /// <summary>The variable that collects the outputs, if any.</summary>
    public string? OutputCollection { get; init; }

    /// <summary>The expression whose value is collected from each instance, if any.</summary>
    public ModelExpression? OutputElement { get; init; }

    /// <summary>A condition after which the remaining instances are cancelled, if any.</summary>
    public ModelExpression? CompletionCondition { get; init; }
}
