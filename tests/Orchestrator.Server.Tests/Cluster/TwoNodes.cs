using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>Two server processes on one fresh PostgreSQL database, with the cluster's clock pinned (tests move it forward only).</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    /// <summary>The instant the clock is pinned to at the start.</summary>
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private ServerProcess? _a;
    private ServerProcess? _b;

    public TestDatabase Database { get; private set; } = null!;

    public HttpClient A { get; private set; } = null!;

    public HttpClient B { get; private set; } = null!;

    /// <summary>The pinned clock now.</summary>
    public DateTimeOffset Now { get; private set; } = Start;

    /// <summary>The secret of the <c>cluster/hook</c> webhook.</summary>
    public const string HookSecret = "cluster-hook-secret";

    public static Dictionary<string, string?> Settings(TestDatabase database) => new()
    {
        ["Webhooks:Secrets:cluster"] = HookSecret,
        ["Auth:Anonymous"] = "true",
        ["Engine:ClockControl"] = "true",
        ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
    };

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestDatabase.PostgresVariable)))
        {
            return;
        }

        Database = TestDatabase.Create();
        _a = await ServerProcess.StartAsync(Database, Settings(Database));
        _b = await ServerProcess.StartAsync(Database, Settings(Database));
        A = new HttpClient { BaseAddress = _a.Address, Timeout = TimeSpan.FromSeconds(60) };
        B = new HttpClient { BaseAddress = _b.Address, Timeout = TimeSpan.FromSeconds(60) };
        await MoveClockAsync(TimeSpan.Zero);
        await Nodes.DeployAsync(A, "cluster.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cluster", "cluster.bpmn")));
    }

    /// <summary>Moves the cluster's clock forward by <paramref name="by"/> (through node A; node B follows).</summary>
    public async Task MoveClockAsync(TimeSpan by)
    {
        Now += by;
        await ApiAssert.NoContent(await A.PutAsJsonAsync("/v2/clock", new { timestamp = Now.ToUnixTimeMilliseconds() }));
    }

    public async Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        Database?.Dispose();
    }
}
