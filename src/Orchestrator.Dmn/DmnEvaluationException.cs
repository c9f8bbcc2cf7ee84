namespace Orchestrator.Dmn;

/// <summary>
/// A decision could not be evaluated: a hit policy was violated, an input or output is not among its allowed values, a required
/// element is missing, or logic that cannot run (a Java or PMML function). Names the decision and, where one is at fault, the rule.
/// </summary>
public sealed class DmnEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DmnEvaluationException(string message, string? decisionId, string? decisionName, string? ruleId = null)
        : base(message)
    {
        DecisionId = decisionId;
        DecisionName = decisionName;
        RuleId = ruleId;
    }

    /// <summary>Creates the exception.</summary>
    public DmnEvaluationException()
        : this("the decision could not be evaluated", null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DmnEvaluationException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DmnEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The id of the decision (or knowledge model, or service) that failed.</summary>
    public string? DecisionId { get; }

    /// <summary>Its name.</summary>
    public string? DecisionName { get; }

    /// <summary>The id of the rule at fault, when one is.</summary>
    public string? RuleId { get; }

    /// <summary>The decisions evaluated before the failure, in order (for the audit of a failed evaluation).</summary>
    public IReadOnlyList<DmnEvaluatedDecision> Evaluated { get; init; } = [];
}
