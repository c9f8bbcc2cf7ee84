using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>With anonymous access on (the demo), a request without credentials acts as an admin, but wrong credentials are still refused.</summary>
public sealed class AnonymousAccessTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Bug_wrong_credentials_passed_as_the_anonymous_admin()
    {
        using var wrongPassword = server.ClientAs("admin", "guessed");
        using var wrongKey = server.NewClient();
        wrongKey.DefaultRequestHeaders.Add("X-API-Key", "guessed");
        using var wrongBearer = server.NewClient();
        wrongBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");

        foreach (var client in new[] { wrongPassword, wrongKey, wrongBearer })
        {
            await ApiAssert.Problem(await client.PostAsJsonAsync("/v2/process-instances/search", new { }), 401, "UNAUTHORIZED");
            await ApiAssert.Problem(await client.GetAsync("/v2/topology"), 401, "UNAUTHORIZED");
            // The UI's question "who am I" too: it answered the anonymous admin.
            await ApiAssert.Problem(await client.GetAsync("/api/auth/me"), 401, "UNAUTHORIZED");
        }

        await ApiAssert.OkJson(await server.Client.PostAsJsonAsync("/v2/process-instances/search", new { }));
        Assert.Equal("anonymous", (await ApiAssert.OkJson(await server.Client.GetAsync("/api/auth/me")))["name"]!.GetValue<string>());
    }
}
