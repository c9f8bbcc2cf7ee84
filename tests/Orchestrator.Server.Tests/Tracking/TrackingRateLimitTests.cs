using System.Net;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Tracking;

/// <summary>A server that lets one client address open three tracking links a minute.</summary>
public sealed class TrackingLimitFixture : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Limits:TrackingPerMinute"] = "3";
        settings["Tracking:MinimumResponseMilliseconds"] = "0";
        return settings;
    }
}

/// <summary>Guessing links is slowed down per client address.</summary>
public sealed class TrackingRateLimitTests(TrackingLimitFixture server) : IClassFixture<TrackingLimitFixture>
{
    [Fact]
    public async Task A_client_that_tries_too_many_links_gets_429_with_retry_after()
    {
        var customer = server.NewClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync($"/api/track/guess{i}")).StatusCode);
        }

        var limited = await customer.GetAsync("/track/guess4");

        await ApiAssert.Problem(limited, 429, "TOO_MANY_REQUESTS");
        Assert.NotNull(limited.Headers.RetryAfter);
    }
}
