using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Auth;

/// <summary>Bearer tokens: a valid one signs in with its name, groups and roles; any flaw is a 401 problem.</summary>
public sealed class JwtTests(JwtFixture server) : IClassFixture<JwtFixture>
{
    private static readonly JwtFixture.TokenSpec Dora = new() { Subject = "u-dora", Username = "dora", Roles = ["agent"], Groups = ["agents", "returns"] };
    private static readonly JwtFixture.TokenSpec Admin = new() { Subject = "u-root", Username = "root", Roles = ["admin"] };

    [Fact]
    public async Task A_valid_token_signs_in_with_its_name_groups_and_roles()
    {
        using var dora = server.ClientWith(server.Hs256(Dora));

        var me = await ApiAssert.OkJson(await dora.GetAsync("/api/auth/me"));

        Assert.Equal("dora", me["name"]!.GetValue<string>());
        Assert.Equal(["agents", "returns"], me["groups"]!.AsArray().Select(g => g!.GetValue<string>()));
        Assert.Equal(["agent"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task An_agent_signed_in_by_token_sees_only_the_tasks_of_her_groups()
    {
        using var admin = server.ClientWith(server.Hs256(Admin));
        using var dora = server.ClientWith(server.Hs256(Dora));
        var (agentsInstance, agentsTask) = await StartTaskAsync(admin, "agents");
        var (financeInstance, financeTask) = await StartTaskAsync(admin, "finance");

        var seen = await TaskKeysAsync(dora, agentsInstance, financeInstance);

        Assert.Equal([agentsTask], seen);
        Assert.Equal([agentsTask, financeTask], await TaskKeysAsync(admin, agentsInstance, financeInstance));
        await ApiAssert.Problem(await dora.GetAsync($"/v2/user-tasks/{financeTask}"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task An_rsa_signed_token_is_accepted_and_a_provider_role_is_mapped_to_ours()
    {
        using var operatorClient = server.ClientWith(server.Rs256(new JwtFixture.TokenSpec { Username = "otto", Roles = ["Shop.Operators", "offline_access"] }));

        var me = await ApiAssert.OkJson(await operatorClient.GetAsync("/api/auth/me"));

        Assert.Equal(["operator", "offline_access"], me["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        var metrics = await operatorClient.GetAsync("/metrics");
        Assert.Equal(System.Net.HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task A_token_without_roles_has_none_and_the_subject_names_the_user_without_a_username()
    {
        using var nobody = server.ClientWith(server.Hs256(new JwtFixture.TokenSpec { Subject = "service-account-7" }));

        var me = await ApiAssert.OkJson(await nobody.GetAsync("/api/auth/me"));

        Assert.Equal("service-account-7", me["name"]!.GetValue<string>());
        Assert.Empty(me["roles"]!.AsArray());
        Assert.Empty(me["groups"]!.AsArray());
        using var deployment = await DeploymentAsync();
        await ApiAssert.Problem(await nobody.PostAsync("/v2/deployments", deployment), 403, "FORBIDDEN");
    }

    public static TheoryData<string, string> Flawed => new()
    {
        { "expired", "expired" },
        { "wrong audience", "another audience" },
        { "wrong issuer", "issuer is not trusted" },
        { "wrong signature", "signature does not verify" },
        { "alg none", "signature does not verify" },
        { "no user", "names no user" },
        { "garbage", "malformed" },
    };

    [Theory]
    [MemberData(nameof(Flawed))]
    public async Task A_flawed_token_is_a_401_problem(string flaw, string detail)
    {
        var token = flaw switch
        {
            "expired" => server.Hs256(Dora with { IssuedAt = DateTime.UtcNow.AddHours(-2), Expires = DateTime.UtcNow.AddHours(-1) }),
            "wrong audience" => server.Hs256(Dora with { Audience = "another-app" }),
            "wrong issuer" => server.Hs256(Dora with { Issuer = "https://evil.example.test" }),
            "wrong signature" => JwtFixture.ForeignKey(Dora),
            "alg none" => JwtFixture.WithoutSignature(Dora),
            "no user" => server.Hs256(Dora with { Subject = null, Username = null }),
            _ => "not-a-jwt",
        };
        using var client = server.ClientWith(token);

        var response = await client.PostAsJsonAsync("/v2/process-instances/search", new { });

        Assert.Contains(detail, await ApiAssert.Problem(response, 401, "UNAUTHORIZED"), StringComparison.Ordinal);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await ApiAssert.Problem(await client.GetAsync("/api/auth/me"), 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Without_a_token_the_other_schemes_answer_and_an_empty_bearer_is_refused()
    {
        using var basic = server.ClientAs("nobody", "nothing");
        using var empty = server.NewClient();
        empty.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer ");

        var wrongBasic = await basic.GetAsync("/v2/topology");
        var emptyBearer = await empty.GetAsync("/v2/topology");

        await ApiAssert.Problem(wrongBasic, 401, "UNAUTHORIZED");
        Assert.StartsWith("Basic", wrongBasic.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("bearer token", await ApiAssert.Problem(emptyBearer, 401, "UNAUTHORIZED"), StringComparison.Ordinal);
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/topology"), 401, "UNAUTHORIZED");
    }

    private static async Task<MultipartFormDataContent> DeploymentAsync() => new()
    {
        { new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Api", "user-task.bpmn"))), "resources", "user-task.bpmn" },
    };

    private static async Task<(string Instance, string Task)> StartTaskAsync(HttpClient admin, string group)
    {
        using (var deployment = await DeploymentAsync())
        {
            await ApiAssert.OkJson(await admin.PostAsync("/v2/deployments", deployment));
        }

        var created = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = "user-task", variables = new { group } }));
        var instance = created["processInstanceKey"]!.GetValue<string>();
        var found = await ApiAssert.OkJson(await admin.PostAsJsonAsync("/v2/user-tasks/search", new { filter = new { processInstanceKey = instance } }));
        return (instance, Assert.Single(found["items"]!.AsArray())!["userTaskKey"]!.GetValue<string>());
    }

    private static async Task<string[]> TaskKeysAsync(HttpClient client, params string[] instances)
    {
        var filter = new Dictionary<string, object> { ["processInstanceKey"] = new Dictionary<string, object> { ["$in"] = instances } };
        var found = await ApiAssert.OkJson(await client.PostAsJsonAsync("/v2/user-tasks/search", new { filter, sort = new[] { new { field = "userTaskKey", order = "ASC" } } }));
        return [.. found["items"]!.AsArray().Select(t => t!["userTaskKey"]!.GetValue<string>())];
    }
}
