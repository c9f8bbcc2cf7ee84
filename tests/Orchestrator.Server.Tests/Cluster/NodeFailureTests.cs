using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Cluster;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>
/// A node of a cluster killed without warning (kill -9): the other goes on with everything the dead one acknowledged, its leased
/// jobs come back when their leases end, its timers fire on the survivor, and a restarted node rejoins. A node id that a live
/// node holds cannot be pinned by another.
/// </summary>
public sealed class NodeFailureTests
{
    [PostgresFact]
    public async Task A_killed_node_loses_nothing_it_acknowledged_its_leases_run_out_its_timers_fire_elsewhere_and_it_rejoins()
    {
        using var database = TestDatabase.Create();
        var settings = TwoNodes.Settings(database);
        await using var a = await ServerProcess.StartAsync(database, settings);
        var b = await ServerProcess.StartAsync(database, settings);
        using var clientA = new HttpClient { BaseAddress = a.Address };
        var now = TwoNodes.Start;
        await ApiAssert.NoContent(await clientA.PutAsJsonAsync("/v2/clock", new { timestamp = now.ToUnixTimeMilliseconds() }));
        await Nodes.DeployAsync(clientA, "cluster.bpmn", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cluster", "cluster.bpmn")));
        List<string> instances = [];
        List<string> timers = [];
        List<string> leased;
        List<string> completed;
        using (var clientB = new HttpClient { BaseAddress = b.Address })
        {
            for (var i = 0; i < 10; i++)
            {
                instances.Add(await Nodes.CreateAsync(clientB, "cluster-work"));
            }

            for (var i = 0; i < 3; i++)
            {
                timers.Add(await Nodes.CreateAsync(clientB, "cluster-timer"));
            }

            leased = await Nodes.ActivateAsync(clientB, "cluster.work", 5, timeout: 60_000);
            completed = leased.Take(2).ToList();
            foreach (var job in completed)
            {
                await ApiAssert.NoContent(await Nodes.CompleteAsync(clientB, job));
            }

            b.Kill();
        }

        var found = await Nodes.SearchAsync(clientA, "process-instances", new { processDefinitionId = "cluster-work" });
        Assert.Equal(instances.Order(), found.Select(i => i!["processInstanceKey"]!.GetValue<string>()).Order());
        Assert.Equal(2, found.Count(i => i!["state"]!.GetValue<string>() == "COMPLETED"));
        var neverLeased = await Nodes.ActivateAsync(clientA, "cluster.work", 100, timeout: 86_400_000);
        Assert.Equal(5, neverLeased.Count);
        Assert.Empty(neverLeased.Intersect(leased));

        now += TimeSpan.FromHours(2);
        await ApiAssert.NoContent(await clientA.PutAsJsonAsync("/v2/clock", new { timestamp = now.ToUnixTimeMilliseconds() }));
        var back = new List<string>();
        Assert.True(await Poll.Until(async () =>
        {
            back.AddRange(await Nodes.ActivateAsync(clientA, "cluster.work", 100));
            return back.Count >= 3;
        }), "the dead node's leases did not run out");
        Assert.Equal(leased.Except(completed).Order(), back.Order());
        var afterTimers = new List<string>();
        Assert.True(await Poll.Until(async () =>
        {
            afterTimers.AddRange(await Nodes.ActivateAsync(clientA, "cluster.after-timer", 100));
            return afterTimers.Count >= 3;
        }), "the dead node's timers did not fire on the other");
        Assert.Equal(3, afterTimers.Distinct().Count());

        await using var restarted = await ServerProcess.StartAsync(database, settings);
        using var clientC = new HttpClient { BaseAddress = restarted.Address };
        var topology = await ApiAssert.OkJson(await clientC.GetAsync("/v2/topology"));
        Assert.Equal(2, topology["clusterSize"]!.GetValue<int>());
        Assert.Equal(10, (await Nodes.SearchAsync(clientC, "process-instances", new { processDefinitionId = "cluster-work" })).Count);
        await b.DisposeAsync();
    }

    [PostgresFact]
    public async Task A_sign_in_cookie_from_one_node_is_accepted_by_the_other()
    {
        using var database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>
        {
            ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
            ["Auth:Users:ops:PasswordHash"] = new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword("ops", "cluster-secret"),
            ["Auth:Users:ops:Roles:0"] = "operator",
        };
        await using var a = await ServerProcess.StartAsync(database, settings);
        await using var b = await ServerProcess.StartAsync(database, settings);
        var cookies = new System.Net.CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var browser = new HttpClient(handler);

        await ApiAssert.OkJson(await browser.PostAsJsonAsync(new Uri(a.Address, "/api/auth/sign-in"), new { username = "ops", password = "cluster-secret" }));
        var me = await ApiAssert.OkJson(await browser.GetAsync(new Uri(b.Address, "/api/auth/me")));

        Assert.Equal("ops", me["name"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task The_first_node_to_start_deletes_messages_that_expired_while_every_node_was_down()
    {
        using var database = TestDatabase.Create();
        var settings = TwoNodes.Settings(database);
        await using (var node = await ServerProcess.StartAsync(database, settings))
        {
            using var client = new HttpClient { BaseAddress = node.Address };
            await ApiAssert.NoContent(await client.PutAsJsonAsync("/v2/clock", new { timestamp = TwoNodes.Start.ToUnixTimeMilliseconds() }));
            await ApiAssert.OkJson(await client.PostAsJsonAsync("/v2/messages/publication", new { name = "nobody.waits", correlationKey = "k", timeToLive = 60_000 }));
        }

        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var later = new Npgsql.NpgsqlCommand("UPDATE cluster_settings SET \"Value\" = @at WHERE \"Name\" = 'clock'", connection);
            later.Parameters.AddWithValue("at", TwoNodes.Start.AddHours(1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, await later.ExecuteNonQueryAsync());
        }

        await using var restarted = await ServerProcess.StartAsync(database, settings);

        await using var check = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await check.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM messages", check);
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    [PostgresFact]
    public async Task Pinning_a_node_id_that_a_live_node_holds_is_refused_with_a_clear_error()
    {
        using var database = TestDatabase.Create();
        var settings = TwoNodes.Settings(database);
        await using var first = await ServerProcess.StartAsync(database, settings);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ServerProcess.StartAsync(database, new Dictionary<string, string?>(settings) { ["Engine:NodeId"] = "0" }));

        Assert.StartsWith("the server exited with 1:", refused.Message, StringComparison.Ordinal);
        Assert.Contains("The server stopped: Engine:NodeId 0 is in use by another live node on this database", refused.Message, StringComparison.Ordinal);
        await using var pinned = await ServerProcess.StartAsync(database, new Dictionary<string, string?>(settings) { ["Engine:NodeId"] = "7" });
        using var client = new HttpClient { BaseAddress = pinned.Address };
        var topology = await ApiAssert.OkJson(await client.GetAsync("/v2/topology"));
        Assert.Equal([0, 7], topology["brokers"]!.AsArray().Select(n => n!["nodeId"]!.GetValue<int>()).Order());
    }

    [PostgresFact]
    public async Task A_node_does_not_join_live_nodes_of_another_cluster_protocol()
    {
        using var database = TestDatabase.Create();
        var settings = TwoNodes.Settings(database);
        await using var first = await ServerProcess.StartAsync(database, settings);
        await using (var connection = new Npgsql.NpgsqlConnection(database.ConnectionString))
        {
            // As a node of a version from before the protocol was recorded would show.
            await connection.OpenAsync();
            await using var older = new Npgsql.NpgsqlCommand("UPDATE cluster_nodes SET \"Protocol\" = 0", connection);
            Assert.Equal(1, await older.ExecuteNonQueryAsync());
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(database, settings));

        Assert.Contains("runs cluster protocol 0 and this build runs", refused.Message, StringComparison.Ordinal);
        Assert.Contains("stop every node, then start the new version", refused.Message, StringComparison.Ordinal);
        using var client = new HttpClient { BaseAddress = first.Address };
        var topology = await ApiAssert.OkJson(await client.GetAsync("/v2/topology"));
        Assert.Equal(1, topology["clusterSize"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task A_node_does_not_migrate_the_database_under_live_nodes_of_another_cluster_protocol()
    {
        using var database = TestDatabase.Create();
        var stored = new OrchestratorDatabase(DatabaseProvider.PostgreSql, database.ConnectionString);
        await using (var context = stored.CreateContext())
        {
            // The schema of the version before history blocks, which writes the table `history`.
            await context.GetService<IMigrator>().MigrateAsync(context.Database.GetMigrations().Single(m => m.EndsWith("_UpdatedInPlace", StringComparison.Ordinal)));
        }

        // Not pooled: closing it ends the session, as the older node's end would.
        await using var older = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await older.OpenAsync();
        // A live node of that version: its row and its session's lock on its id.
        await ExecuteAsync(older, "INSERT INTO cluster_nodes (\"NodeId\", \"Host\", \"Port\", \"Version\", \"StartedAt\", \"Protocol\") VALUES (5, '127.0.0.1', 8299, '0.9.0', now(), 2)");
        await ExecuteAsync(older, "SELECT pg_advisory_lock(1330794052, 5)");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(database, TwoNodes.Settings(database)));

        Assert.Contains("node 5 (127.0.0.1:8299, started ", refused.Message, StringComparison.Ordinal);
        Assert.Contains($") runs cluster protocol 2 and this build runs {NodeRegistry.Protocol}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("this build would migrate it under that node", refused.Message, StringComparison.Ordinal);
        Assert.Equal("history", await ScalarAsync(older, "SELECT coalesce(to_regclass('history')::text, '') || coalesce(to_regclass('history_blocks')::text, '')"));

        await older.CloseAsync();
        await using var node = await ServerProcess.StartAsync(database, TwoNodes.Settings(database));
        await using var after = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await after.OpenAsync();
        Assert.Equal("history_blocks", await ScalarAsync(after, "SELECT coalesce(to_regclass('history')::text, '') || coalesce(to_regclass('history_blocks')::text, '')"));
    }

    private static async Task ExecuteAsync(Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(Npgsql.NpgsqlConnection connection, string sql)
    {
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
