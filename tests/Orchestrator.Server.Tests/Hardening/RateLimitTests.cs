using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>A server whose public routes take three requests a minute from one address.</summary>
public sealed class RateLimitedFixture : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Limits:SignInPerMinute"] = "3";
        settings["Limits:WebhooksPerMinute"] = "3";
        return settings;
    }
}

/// <summary>Signing in and webhook deliveries are rate limited per client address: past the limit, 429 with Retry-After, before any work.</summary>
public sealed class RateLimitTests(RateLimitedFixture server) : IClassFixture<RateLimitedFixture>
{
    [Theory]
    [InlineData("/api/auth/sign-in")]
    [InlineData("/webhooks/anything/at/all")]
    public async Task A_public_route_answers_429_past_its_rate(string path)
    {
        for (var i = 0; i < 3; i++)
        {
            var response = await server.Client.PostAsJsonAsync(path, new { username = "x", password = "y" });
            Assert.NotEqual(429, (int)response.StatusCode);
        }

        var refused = await server.Client.PostAsJsonAsync(path, new { username = "x", password = "y" });

        await ApiAssert.Problem(refused, 429, "TOO_MANY_REQUESTS");
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        await ApiAssert.OkJson(await server.PostAsync("/v2/process-definitions/search", new { }));
    }
}
