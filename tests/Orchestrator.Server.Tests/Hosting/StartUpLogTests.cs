using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>What the real server (Kestrel, its own process) logs as it starts with the simulators mounted under <c>/sim</c>.</summary>
public sealed class StartUpLogTests
{
    private static readonly string[] Apis = ["Carrier", "Warehouse", "Payment", "Notify", "Orders", "Customers"];

    [Fact]
    public async Task Bug_the_demo_seed_jobs_called_the_simulators_before_the_server_listened()
    {
        // Arrange: a fresh database, the demo seed and the connectors pointed at this server's /sim.
        using var database = TestDatabase.Create();

        // Act
        await using var process = await ServerProcess.StartAsync(database, address => Settings(address, seed: true));

        // Assert: the seeded cases' connector calls reach the simulators, and none was refused on the way.
        Assert.True(await Poll.Until(() => process.Output.Contains($"{process.Address}sim/", StringComparison.Ordinal)), process.Output);
        Assert.DoesNotContain("Connection refused", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_a_server_on_another_port_called_its_simulators_where_nobody_listened_without_a_word()
    {
        // Arrange: the connectors' settings name port 8080 (as in Development); the server listens elsewhere.
        using var database = TestDatabase.Create();

        // Act
        await using var process = await ServerProcess.StartAsync(database, _ => Settings(new Uri("http://localhost:8080"), seed: false));

        // Assert
        Assert.True(await Poll.Until(() => process.Output.Contains("point at the simulators under /sim", StringComparison.Ordinal)), process.Output);
        var warning = process.Output.Split('\n').Single(line => line.Contains("point at the simulators under /sim", StringComparison.Ordinal));
        Assert.Contains("Connectors:Carrier:BaseUrl (http://localhost:8080/sim/carrier)", warning, StringComparison.Ordinal);
        Assert.Contains($"it listens on http://127.0.0.1:{process.Port}", warning, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(Uri connectorsTarget, bool seed)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Anonymous"] = "true",
            ["Workflows:Path"] = Repository.Workflows,
            ["Simulators:Enabled"] = "true",
            ["Demo:Seed"] = seed ? "true" : "false",
        };
        foreach (var api in Apis)
        {
            settings[$"Connectors:{api}:BaseUrl"] = $"{connectorsTarget}sim/{api.ToLowerInvariant()}";
        }

        return settings;
    }
}
