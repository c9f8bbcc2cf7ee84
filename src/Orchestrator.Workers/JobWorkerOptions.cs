namespace Orchestrator.Workers;

/// <summary>How in-process workers take and retry jobs (section <c>Workers</c>).</summary>
public sealed class JobWorkerOptions
{
    /// <summary>Jobs one handler works on at the same time. Default 16.</summary>
    public int MaxConcurrentJobs { get; set; } = 16;

    /// <summary>The lease of an activated job; if this node dies, the job is offered again after it. Default 5 minutes.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed job waits before it is offered again (while it has retries). Default 1 s.</summary>
    public TimeSpan RetryBackOff { get; set; } = TimeSpan.FromSeconds(1);
}
