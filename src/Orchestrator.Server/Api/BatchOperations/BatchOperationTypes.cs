namespace Orchestrator.Server.Api.BatchOperations;

/// <summary>Camunda 8.8's batch operation types and states, as the API and the tables spell them.</summary>
public static class BatchOperationTypes
{
    /// <summary>Resolve the incidents of each instance (a job out of retries gets one retry first).</summary>
    public const string ResolveIncident = "RESOLVE_INCIDENT";

    /// <summary>Cancel each instance.</summary>
    public const string CancelProcessInstance = "CANCEL_PROCESS_INSTANCE";

    /// <summary>Migrate each instance to another process definition.</summary>
    public const string MigrateProcessInstance = "MIGRATE_PROCESS_INSTANCE";

    /// <summary>A batch or an item still to run.</summary>
    public const string Active = "ACTIVE";

    /// <summary>A batch that ran through (its failed items counted), an item done.</summary>
    public const string Completed = "COMPLETED";

    /// <summary>A batch canceled before it ran through; its items that had not run.</summary>
    public const string Canceled = "CANCELED";

    /// <summary>An item the engine refused; its error message says why.</summary>
    public const string Failed = "FAILED";

    /// <summary>An item with nothing to do (no open incident any more).</summary>
    public const string Skipped = "SKIPPED";
}
