namespace Orchestrator.Server.Webhooks;

/// <summary>The <c>Webhooks</c> section.</summary>
public sealed class WebhookOptions
{
    /// <summary><c>Webhooks:Secrets:{name}</c>: the HMAC secrets that models name in <c>webhook.secret</c>.</summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far a delivery's timestamp may be from the server's clock, in seconds (replays older than this are refused). Default 300.</summary>
    public int ToleranceSeconds { get; set; } = 300;

    /// <summary>The largest body accepted, in bytes. Default 1 MiB.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
