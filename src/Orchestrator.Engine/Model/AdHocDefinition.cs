namespace Orchestrator.Engine.Model;

/// <summary>
/// What an ad-hoc subprocess activates and when it completes (<c>zeebe:adHoc</c>, <c>completionCondition</c>,
/// <c>cancelRemainingInstances</c>). With a task definition on the subprocess a job worker decides both instead.
/// </summary>
public sealed class AdHocDefinition
{
    /// <summary>The ids of the inner elements to activate on entering (a FEEL list of strings), if any.</summary>
    public ModelExpression? ActiveElements { get; init; }

    /// <summary>Evaluated each time an inner element completes; true completes the subprocess. Null: it completes when nothing inside is active.</summary>
    public ModelExpression? CompletionCondition { get; init; }

    /// <summary>True (the default): once the condition holds, what still runs inside is terminated; false: it is waited for.</summary>
    public bool CancelRemainingInstances { get; init; } = true;

    /// <summary>The local variable that collects each inner flow's output, propagated on completion, if any.</summary>
    public string? OutputCollection { get; init; }

    /// <summary>The output of an inner flow when it ends (evaluated where it ended), if any.</summary>
    public ModelExpression? OutputElement { get; init; }
}
