using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>
/// Failed sign-ins are counted in the database: behind a load balancer that spreads guesses over the nodes a user name still
/// locks after the configured number of failures, on every node; and a lockout outlives a restart (it was kept in each node's
/// memory, so N nodes gave N times the guesses and a restart gave them all again).
/// </summary>
public sealed class SignInLockoutClusterTests
{
    private const string Password = "alice-secret";

    private static Dictionary<string, string?> Settings(TestDatabase database) => new()
    {
        ["Auth:Users:alice:PasswordHash"] = new PasswordHasher<string>().HashPassword("alice", Password),
        ["Auth:Users:alice:Roles:0"] = "agent",
        ["Auth:SignIn:MaxFailuresPerUser"] = "3",
        ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
    };

    private static Task<HttpResponseMessage> SignInAsync(HttpClient node, string password) =>
        node.PostAsJsonAsync("/api/auth/sign-in", new { username = "alice", password });

    [PostgresFact]
    public async Task Bug_guesses_spread_over_two_nodes_were_counted_apart_now_the_user_name_locks_on_both()
    {
        using var database = TestDatabase.Create();
        await using var a = await ServerProcess.StartAsync(database, Settings(database));
        await using var b = await ServerProcess.StartAsync(database, Settings(database));
        using var nodeA = new HttpClient { BaseAddress = a.Address };
        using var nodeB = new HttpClient { BaseAddress = b.Address };

        await ApiAssert.Problem(await SignInAsync(nodeA, "guess-1"), 401, "UNAUTHORIZED");
        await ApiAssert.Problem(await SignInAsync(nodeB, "guess-2"), 401, "UNAUTHORIZED");
        await ApiAssert.Problem(await SignInAsync(nodeA, "guess-3"), 401, "UNAUTHORIZED");

        foreach (var node in new[] { nodeB, nodeA })
        {
            var detail = await ApiAssert.Problem(await SignInAsync(node, Password), 429, "TOO_MANY_REQUESTS");
            Assert.Contains("the user name 'alice' is locked after 3 failed sign-ins", detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Bug_a_restart_forgot_every_lockout_now_it_holds()
    {
        using var database = TestDatabase.Create();
        await using (var first = await ServerProcess.StartAsync(database, Settings(database)))
        {
            using var node = new HttpClient { BaseAddress = first.Address };
            for (var i = 0; i < 3; i++)
            {
                await ApiAssert.Problem(await SignInAsync(node, $"guess-{i}"), 401, "UNAUTHORIZED");
            }
        }

        await using var second = await ServerProcess.StartAsync(database, Settings(database));
        using var restarted = new HttpClient { BaseAddress = second.Address };
        await ApiAssert.Problem(await SignInAsync(restarted, Password), 429, "TOO_MANY_REQUESTS");
    }
}
