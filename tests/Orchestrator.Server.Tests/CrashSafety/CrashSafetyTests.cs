using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.CrashSafety;

/// <summary>
/// The server process is killed without warning right after it answered, then started again on the same
/// database: whatever it acknowledged is there, nothing it acknowledged happens twice, and side effects
/// that were due after the commit (waking workers, scheduling timer triggers) are caught up.
/// </summary>
public sealed class CrashSafetyTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Auth:Anonymous"] = "true",
        ["Engine:ClockControl"] = "false",
    };

    [Fact]
    public async Task Everything_acknowledged_before_a_kill_is_there_after_the_restart_and_nothing_doubles()
    {
        using var database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>(Settings) { ["Workflows:Path"] = Path.Combine(database.Folder, "none") };
        List<string> instances = [];
        List<string> completedJobs = [];
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            await DeployAsync(client, "Api/order-flow.bpmn", "Api/approve-form.form");
            for (var i = 0; i < 20; i++)
            {
                instances.Add(await StartAsync(client, $"C-{i}"));
            }

            var jobs = await ActivateAsync(client, "order.check", 10);
            foreach (var job in jobs)
            {
                var key = job!["jobKey"]!.GetValue<string>();
                await ApiAssert.NoContent(await client.PostAsJsonAsync($"/v2/jobs/{key}/completion", new { variables = new { crashed = false } }));
                completedJobs.Add(key);
            }

            first.Kill();
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        using var after = new HttpClient { BaseAddress = second.Address };
        var found = await SearchAsync(after, "process-instances", new { processDefinitionId = "order-flow" }, 100);
        Assert.Equal(instances.Order(), found.Select(i => i!["processInstanceKey"]!.GetValue<string>()).Order());
        var offered = (await ActivateAsync(after, "order.check", 100)).Select(j => j!["jobKey"]!.GetValue<string>()).ToList();
        Assert.Equal(10, offered.Count);
        Assert.Empty(offered.Intersect(completedJobs));
        var moved = await SearchAsync(after, "element-instances", new { elementId = "payment", state = "ACTIVE" }, 100);
        Assert.Equal(completedJobs.Count, moved.Count);
    }

    [Fact]
    public async Task A_timer_whose_trigger_was_never_written_is_scheduled_by_the_outbox_pass_at_start_up()
    {
        using var database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>(Settings) { ["Workflows:Path"] = Path.Combine(database.Folder, "none") };
        string instance;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            await DeployAsync(client, "Timers/timers.bpmn");
            instance = await StartAsync(client, null, "wait-an-hour");
            first.Kill();
        }

        // As if the process had died between the commit and writing the trigger.
        var db = new OrchestratorDatabase(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);
        await using (var context = db.CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync("DELETE FROM qrtz_simple_triggers");
            await context.Database.ExecuteSqlRawAsync("DELETE FROM qrtz_triggers");
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        var key = long.Parse(instance, System.Globalization.CultureInfo.InvariantCulture);
        var triggers = 0L;
        for (var attempt = 0; attempt < 100 && triggers == 0; attempt++)
        {
            await using var context = db.CreateContext();
            var timer = context.Subscriptions.Where(s => s.ProcessInstanceKey == key).Select(s => s.Key).Single();
            var name = $"timer-{timer}";
            triggers = await context.Database.SqlQuery<long>($"SELECT COUNT(*) AS \"Value\" FROM qrtz_triggers WHERE trigger_name = {name}").SingleAsync();
            await Task.Delay(triggers == 0 ? 50 : 0);
        }

        Assert.Equal(1, triggers);
    }

    [Fact]
    public async Task A_second_process_is_refused_on_one_SQLite_file_and_joins_on_PostgreSQL()
    {
        using var database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>(Settings) { ["Workflows:Path"] = Path.Combine(database.Folder, "none") };
        await using var first = await ServerProcess.StartAsync(database, settings);

        if (database.Provider == "Sqlite")
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(database, settings));
            Assert.Contains("another server runs on the SQLite database", refused.Message, StringComparison.Ordinal);
            return;
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        using var client = new HttpClient { BaseAddress = second.Address };
        var topology = await ApiAssert.OkJson(await client.GetAsync("/v2/topology"));
        Assert.Equal([0, 1], topology["brokers"]!.AsArray().Select(b => b!["nodeId"]!.GetValue<int>()).Order());
    }

    private static async Task DeployAsync(HttpClient client, params string[] files)
    {
        using var content = new MultipartFormDataContent();
        foreach (var file in files)
        {
            content.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, file))), "resources", Path.GetFileName(file));
        }

        await ApiAssert.OkJson(await client.PostAsync("/v2/deployments", content));
    }

    private static async Task<string> StartAsync(HttpClient client, string? orderId, string process = "order-flow")
    {
        var body = await ApiAssert.OkJson(await client.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = process, variables = new { orderId } }));
        return body["processInstanceKey"]!.GetValue<string>();
    }

    private static async Task<JsonArray> ActivateAsync(HttpClient client, string type, int max) =>
        (await ApiAssert.OkJson(await client.PostAsJsonAsync("/v2/jobs/activation", new { type, worker = "crash", timeout = 600_000, maxJobsToActivate = max, requestTimeout = -1 })))["jobs"]!.AsArray();

    private static async Task<JsonArray> SearchAsync(HttpClient client, string resource, object filter, int limit) =>
        (await ApiAssert.OkJson(await client.PostAsJsonAsync($"/v2/{resource}/search", new { filter, page = new { limit } })))["items"]!.AsArray();
}
