namespace Orchestrator.Server.Auth;

/// <summary>The roles of ARCHITECTURE.md §6.</summary>
public static class Roles
{
    /// <summary>Everything, every task.</summary>
    public const string Admin = "admin";

    /// <summary>Designs and deploys processes.</summary>
    public const string ProcessOwner = "process-owner";

    /// <summary>Works on user tasks of their groups.</summary>
    public const string Agent = "agent";

    /// <summary>Finds instances, fixes incidents, cancels.</summary>
    public const string Operator = "operator";

    /// <summary>Other systems: webhooks, workers, the API.</summary>
    public const string Integration = "integration";
}
