using System.Net;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Telemetry;

/// <summary>A server whose operators let anyone scrape (<c>Telemetry:Metrics:AllowAnonymous</c>).</summary>
public sealed class OpenMetricsFixture : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Auth:Anonymous"] = "false";
        settings["Telemetry:Metrics:AllowAnonymous"] = "true";
        return settings;
    }
}

/// <summary><c>Telemetry:Metrics:AllowAnonymous</c> opens <c>/metrics</c> and nothing else.</summary>
public sealed class AnonymousMetricsTests(OpenMetricsFixture server) : IClassFixture<OpenMetricsFixture>
{
    [Fact]
    public async Task Anyone_may_scrape_when_allowed_and_the_api_still_requires_sign_in()
    {
        var scraped = await server.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE ", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/topology"), 401, "UNAUTHORIZED");
    }
}
