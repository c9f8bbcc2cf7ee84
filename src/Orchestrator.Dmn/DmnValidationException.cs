namespace Orchestrator.Dmn;

/// <summary>One or more DMN models are not valid; <see cref="Problems"/> lists every problem found, each with its element and line.</summary>
public sealed class DmnValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DmnValidationException(IReadOnlyList<DmnProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    /// <summary>Creates the exception with one problem.</summary>
    public DmnValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public DmnValidationException(string message)
        : this([new DmnProblem("", null, 0, message)])
    {
    }

    /// <summary>Creates the exception.</summary>
    public DmnValidationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [new DmnProblem("", null, 0, message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DmnProblem> Problems { get; }

    private static string Describe(IReadOnlyList<DmnProblem> problems) => problems.Count switch
    {
        0 => "the DMN model is not valid",
        1 => problems[0].ToString(),
        _ => $"{problems.Count} problems: " + string.Join("; ", problems),
    };
}
