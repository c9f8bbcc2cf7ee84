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
        v2.MapPut("/clock", (ClockRequest request, ControllableClock clock, ServerOptions options) =>
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

            clock.Pin(DateTimeOffset.FromUnixTimeMilliseconds(timestamp));
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.ClockControl);
        v2.MapPost("/clock/reset", (ControllableClock clock, ServerOptions options) =>
        {
            if (!options.ClockControl)
            {
                throw new ApiException(StatusCodes.Status403Forbidden, "FORBIDDEN", "clock control is off; start the server with Engine:ClockControl=true");
            }

            clock.Reset();
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.ClockControl);
        v2.MapGet("/topology", (HttpContext context) => TypedResults.Ok(new
        {
            brokers = new[]
            {
                new
                {
                    nodeId = 0, host = context.Request.Host.Host, port = context.Request.Host.Port ?? 8080,
                    partitions = new[] { new { partitionId = 1, role = "leader", health = "healthy" } }, version = Version,
                },
            },
            clusterSize = 1, partitionsCount = 1, replicationFactor = 1, gatewayVersion = Version,
        }));
        v2.MapGet("/status", () => TypedResults.NoContent());
        return v2;
    }

    private const string Version = "8.8.0";

    /// <summary><c>PUT /v2/clock</c>.</summary>
    public sealed record ClockRequest(long? Timestamp);
}
