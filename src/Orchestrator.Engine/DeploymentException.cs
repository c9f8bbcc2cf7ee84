using Orchestrator.Engine.Model;

namespace Orchestrator.Engine;

/// <summary>A deployment was refused; nothing of it was deployed. <see cref="Problems"/> lists every reason with resource, element and line.</summary>
public sealed class DeploymentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeploymentException(IReadOnlyList<ModelProblem> problems)
        : base("the deployment was refused:" + Environment.NewLine + string.Join(Environment.NewLine, problems)) => Problems = problems;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ModelProblem> Problems { get; }
}
