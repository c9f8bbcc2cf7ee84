namespace Orchestrator.Feel;

/// <summary>Thrown by <see cref="FeelEngine.Parse"/> when an expression does not parse.</summary>
public sealed class FeelSyntaxException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/> in <paramref name="expression"/>.</summary>
    public FeelSyntaxException(string expression, FeelSyntaxError error)
        : base($"FEEL syntax error at {error}")
    {
        Expression = expression;
        Error = error;
    }

    /// <summary>The expression text.</summary>
    public string Expression { get; }

    /// <summary>What is wrong and where.</summary>
    public FeelSyntaxError Error { get; }
}
