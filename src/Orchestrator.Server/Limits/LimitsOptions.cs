namespace Orchestrator.Server.Limits;

/// <summary>
/// The <c>Limits</c> section: how much one request, deployment or variable may hold, and how long a request may wait.
/// What passes a limit is refused where it enters (413 or 400 naming the field), so nothing too big or too deep is
/// ever stored.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary><c>Limits:VariableMaxDepth</c>: how deeply lists and objects may nest in one variable's value. Default 32.</summary>
    public int VariableMaxDepth { get; set; } = 32;

    /// <summary><c>Limits:VariableMaxBytes</c>: how big one variable's value may be as JSON. Default 1 MiB.</summary>
    public long VariableMaxBytes { get; set; } = 1024 * 1024;

    /// <summary><c>Limits:VariablesPerCommand</c>: how many variables one command may set (an instance's start, a completion, a message). Default 10,000.</summary>
    public int VariablesPerCommand { get; set; } = 10_000;

    /// <summary><c>Limits:RequestMaxBytes</c>: how big a request body may be (deployments excepted). Default 8 MiB.</summary>
    public long RequestMaxBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary><c>Limits:DeploymentMaxBytes</c>: how big a deployment (or a model sent for validation) may be. Default 32 MiB.</summary>
    public long DeploymentMaxBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary><c>Limits:RequestTargetMaxBytes</c>: how long a request's target (path and query) may be (then 414). Default 8,192.</summary>
    public int RequestTargetMaxBytes { get; set; } = 8 * 1024;

    /// <summary><c>Limits:RequestHeadersMaxBytes</c>: how big a request's header fields may be together (then 431). Default 32,768.</summary>
    public int RequestHeadersMaxBytes { get; set; } = 32 * 1024;

    /// <summary><c>Limits:RequestHeadersMaxCount</c>: how many header fields a request may have (then 431). Default 100.</summary>
    public int RequestHeadersMaxCount { get; set; } = 100;

    /// <summary><c>Limits:RequestTimeoutMaxMilliseconds</c>: the longest a job activation long-polls or a creation awaits the instance's end. Default 60 s.</summary>
    public long RequestTimeoutMaxMilliseconds { get; set; } = 60_000;

    /// <summary><c>Limits:SignInPerMinute</c>: sign-in requests one client address may make a minute (then 429). Default 30.</summary>
    public int SignInPerMinute { get; set; } = 30;

    /// <summary><c>Limits:WebhooksPerMinute</c>: webhook deliveries one client address may make a minute (then 429). Default 1200.</summary>
    public int WebhooksPerMinute { get; set; } = 1200;

    /// <summary><c>Limits:TrackingPerMinute</c>: customer page and tracking API requests one client address may make a minute (then 429). Default 120.</summary>
    public int TrackingPerMinute { get; set; } = 120;

    /// <summary>The problems of these settings, empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (VariableMaxDepth is < 1 or > 500)
        {
            yield return $"Limits:VariableMaxDepth {VariableMaxDepth} must be between 1 and 500";
        }

        if (VariableMaxBytes < 1 || VariableMaxBytes > RequestMaxBytes)
        {
            yield return $"Limits:VariableMaxBytes {VariableMaxBytes} must be positive and at most Limits:RequestMaxBytes ({RequestMaxBytes})";
        }

        if (VariablesPerCommand is < 1 or > 1_000_000)
        {
            yield return $"Limits:VariablesPerCommand {VariablesPerCommand} must be between 1 and 1000000";
        }

        if (RequestMaxBytes < 1 || DeploymentMaxBytes < 1)
        {
            yield return "Limits:RequestMaxBytes and Limits:DeploymentMaxBytes must be positive";
        }

        if (SignInPerMinute < 1 || WebhooksPerMinute < 1 || TrackingPerMinute < 1)
        {
            yield return "Limits:SignInPerMinute, Limits:WebhooksPerMinute and Limits:TrackingPerMinute must be at least 1";
        }

        if (RequestTargetMaxBytes is < 1024 or > 1024 * 1024 || RequestHeadersMaxBytes is < 4096 or > 1024 * 1024)
        {
            yield return $"Limits:RequestTargetMaxBytes {RequestTargetMaxBytes} and Limits:RequestHeadersMaxBytes {RequestHeadersMaxBytes} must be between 1024 (4096 for the headers) and 1048576";
        }

        if (RequestHeadersMaxCount is < 10 or > 10_000)
        {
            yield return $"Limits:RequestHeadersMaxCount {RequestHeadersMaxCount} must be between 10 and 10000";
        }

        if (RequestTimeoutMaxMilliseconds is < 1 or > 3_600_000)
        {
            yield return $"Limits:RequestTimeoutMaxMilliseconds {RequestTimeoutMaxMilliseconds} must be between 1 and 3600000 (an hour)";
        }
    }
}
