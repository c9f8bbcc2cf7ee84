using Orchestrator.Testing;
using System.Net.Http.Json;

namespace Orchestrator.Server.Tests.Api;

/// <summary>Without <c>Engine:ClockControl</c> nobody may move the server's time.</summary>
public sealed class ClockControlOffTests(ClockControlOffFixture server) : IClassFixture<ClockControlOffFixture>
{
    [Fact]
    public async Task Pinning_the_clock_is_forbidden()
    {
        var response = await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds() });

        var detail = await ApiAssert.Problem(response, 403, "FORBIDDEN");
        Assert.Contains("ClockControl", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_the_clock_is_forbidden() =>
        await ApiAssert.Problem(await server.PostAsync("/v2/clock/reset", null), 403, "FORBIDDEN");
}
