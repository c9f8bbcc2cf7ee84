namespace Orchestrator.Feel.Values;

/// <summary>
/// An evaluation went past one of FEEL's safety limits: a list or context holding more than
/// <see cref="FeelSize.Max"/> values counted in full, or more steps (function calls, loop and filter
/// iterations) than one evaluation may take. Evaluation turns it into FEEL null with a
/// <c>LimitExceeded</c> warning; it never reaches the caller of <see cref="FeelExpression.Evaluate"/>.
/// </summary>
public sealed class FeelLimitException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public FeelLimitException()
        : base($"the value would hold more than {FeelSize.Max:N0} items counted with everything nested in it")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FeelLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public FeelLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
