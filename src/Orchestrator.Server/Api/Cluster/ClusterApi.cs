using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Api.Cluster;

/// <summary>Clock control (when switched on), topology and status.</summary>
public static class ClusterApi
{
    /// <summary>
    /// The latest the clock may be set to, in epoch milliseconds: far enough from the end of 9999 that a lease, back-off or
    /// time-to-live of up to a hundred years (<see cref="ApiValues.MaxMilliseconds"/>) still gives a date.
    /// </summary>
    private static readonly long MaxTimestamp = DateTimeOffset.MaxValue.AddYears(-101).ToUnixTimeMilliseconds();

    public static RouteGroupBuilder MapClusterApi(this RouteGroupBuilder v2)
    {
        v2.MapPut("/clock", async (ClockRequest request, EngineHost host, ServerOptions options) =>
        {
            if (!options.ClockControl)
            {
                throw new ApiException(StatusCodes.Status403Forbidden, "FORBIDDEN", "clock control is off; start the server with Engine:ClockControl=true");
            }

            if (request?.Timestamp is not { } timestamp)
            {
                throw ApiException.Invalid("timestamp (epoch milliseconds) is required");
            }

            if (timestamp < 0 || timestamp > MaxTimestamp)
            {
                throw ApiException.Invalid($"timestamp {timestamp} must be epoch milliseconds between 0 and {MaxTimestamp} (the end of 9898)");
            }

            await host.SetClockAsync(DateTimeOffset.FromUnixTimeMilliseconds(timestamp)).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.ClockControl);
        v2.MapPost("/clock/reset", async (EngineHost host, ServerOptions options) =>
        {
            if (!options.ClockControl)
            {
                throw new ApiException(StatusCodes.Status403Forbidden, "FORBIDDEN", "clock control is off; start the server with Engine:ClockControl=true");
            }

            await host.SetClockAsync(null).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.ClockControl);
        v2.MapGet("/topology", async (HttpContext context, EngineHost host, CancellationToken ct) =>
        {
            // Every node serves every instance: Camunda's clients see one partition that each broker leads.
            var nodes = await host.Registry.LiveNodesAsync(ct).ConfigureAwait(false);
            var brokers = nodes.Select(n => new
            {
                nodeId = n.NodeId,
                // Where the node listens; until it said so (just after start-up), where this request came in.
                host = n.Host.Length == 0 ? context.Request.Host.Host : n.Host,
                port = n.Port == 0 ? context.Request.Host.Port ?? (context.Request.IsHttps ? 443 : 80) : n.Port,
                partitions = new[] { new { partitionId = 1, role = "leader", health = "healthy" } },
                version = Version,
            }).ToList();
            return TypedResults.Ok(new { brokers, clusterSize = brokers.Count, partitionsCount = 1, replicationFactor = 1, gatewayVersion = Version });
        });
        v2.MapGet("/status", () => TypedResults.NoContent());
        return v2;
    }

    private const string Version = "8.8.0";

    /// <summary><c>PUT /v2/clock</c>.</summary>
    public sealed record ClockRequest(long? Timestamp);
}
