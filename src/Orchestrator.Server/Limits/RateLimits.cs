using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Limits;

/// <summary>
/// Rate limits of the routes anyone may call — signing in, webhook deliveries and customers' tracking pages — per client address, so that a flood
/// from one address is answered 429 with Retry-After before it costs a password hash or a database write.
/// </summary>
public static class RateLimits
{
    /// <summary>The policy of <c>POST /api/auth/sign-in</c>.</summary>
    public const string SignIn = "sign-in";

    /// <summary>The policy of <c>POST /webhooks/…</c>.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>The policy of <c>GET /track/…</c> and <c>GET /api/track/…</c>.</summary>
    public const string Tracking = "tracking";

    /// <summary>Registers the rate limiter with the policies of the public routes, sized by <see cref="LimitsOptions"/>.</summary>
    public static IServiceCollection AddOrchestratorRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LimitsOptions>>((options, limits) =>
        {
            options.AddPolicy(SignIn, context => PerAddress(context, limits.Value.SignInPerMinute));
            options.AddPolicy(Webhooks, context => PerAddress(context, limits.Value.WebhooksPerMinute));
            options.AddPolicy(Tracking, context => PerAddress(context, limits.Value.TrackingPerMinute));
            options.OnRejected = (rejected, token) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                return new ValueTask(ProblemMiddleware.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "TOO_MANY_REQUESTS",
                    "too many requests from this address; try again later", retryAfter));
            };
        });
        return services.AddRateLimiter(_ => { });
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(Auth.PasswordCheck.AddressKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
