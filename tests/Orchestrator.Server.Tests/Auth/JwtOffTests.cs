using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orchestrator.Server.Tests.Api;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Auth;

/// <summary>Bearer tokens are off unless <c>Auth:Jwt</c> is configured.</summary>
public sealed class JwtOffTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    [Fact]
    public async Task Without_an_auth_jwt_section_a_bearer_token_signs_no_one_in()
    {
        using var client = server.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JwtFixture.ForeignKey(new JwtFixture.TokenSpec { Username = "root", Roles = ["admin"] }));

        var response = await client.PostAsJsonAsync("/v2/process-instances/search", new { });

        await ApiAssert.Problem(response, 401, "UNAUTHORIZED");
        Assert.StartsWith("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
