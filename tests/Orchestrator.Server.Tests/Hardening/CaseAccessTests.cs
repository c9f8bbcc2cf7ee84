using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// What an agent may see and do goes by the tasks she may see: the cases behind them and nothing else; she claims open
/// tasks and completes only those assigned to her. Operators' actions are recorded, with who, in the instance's history.
/// </summary>
public sealed class CaseAccessTests(RolesFixture server) : IClassFixture<RolesFixture>
{
    private async Task<(string Ours, string Theirs)> TwoCasesAsync()
    {
        using var admin = server.As("admin");
        var api = new ApiClient(admin);
        await api.DeployAsync("Api/user-task.bpmn");
        return (await api.StartAsync("user-task", new { group = "agents", note = "ours" }), await api.StartAsync("user-task", new { group = "others", note = "theirs" }));
    }

    [Fact]
    public async Task Bug_an_agent_read_every_case_an_agent_now_reads_only_the_cases_of_her_tasks()
    {
        var (ours, theirs) = await TwoCasesAsync();
        using var alice = server.As("alice");
        var api = new ApiClient(alice);

        var instances = (await api.SearchAsync("process-instances", new { processDefinitionId = "user-task" })).Select(i => i!["processInstanceKey"]!.GetValue<string>()).ToList();
        Assert.Contains(ours, instances);
        Assert.DoesNotContain(theirs, instances);
        await ApiAssert.OkJson(await alice.GetAsync($"/v2/process-instances/{ours}"));
        await ApiAssert.Problem(await alice.GetAsync($"/v2/process-instances/{theirs}"), 404, "NOT_FOUND");
        Assert.NotEmpty(await api.SearchAsync("variables", new { processInstanceKey = ours }));
        Assert.Empty(await api.SearchAsync("variables", new { processInstanceKey = theirs }));
        Assert.Empty(await api.SearchAsync("element-instances", new { processInstanceKey = theirs }));
        await ApiAssert.OkJson(await alice.GetAsync($"/api/process-instances/{ours}/history"));
        await ApiAssert.Problem(await alice.GetAsync($"/api/process-instances/{theirs}/history"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await alice.GetAsync($"/api/process-instances/{theirs}/statistics"), 404, "NOT_FOUND");

        // Nor by the keys of its parts.
        using var admin = server.As("admin");
        var adminApi = new ApiClient(admin);
        var theirVariable = (await adminApi.SearchAsync("variables", new { processInstanceKey = theirs, name = "note" }))[0]!["variableKey"]!.GetValue<string>();
        var theirElement = (await adminApi.SearchAsync("element-instances", new { processInstanceKey = theirs, elementId = "review" }))[0]!["elementInstanceKey"]!.GetValue<string>();
        await ApiAssert.Problem(await alice.GetAsync($"/v2/variables/{theirVariable}"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await alice.GetAsync($"/v2/element-instances/{theirElement}"), 404, "NOT_FOUND");
        await ApiAssert.OkJson(await admin.GetAsync($"/v2/variables/{theirVariable}"));

        // And what she may not do at all, whatever the case.
        await ApiAssert.Problem(await alice.PostAsJsonAsync($"/v2/process-instances/{ours}/cancellation", new { }), 403, "FORBIDDEN");
        await ApiAssert.Problem(await alice.PutAsJsonAsync($"/v2/element-instances/{ours}/variables", new { variables = new { note = "x" } }), 403, "FORBIDDEN");
    }

    [Fact]
    public async Task A_QA_reviewer_reads_the_case_her_review_names_and_an_agent_of_another_case_does_not()
    {
        var (agents, reviewed) = await TwoCasesAsync();
        using var admin = server.As("admin");
        var adminApi = new ApiClient(admin);
        await adminApi.DeployAsync("Hardening/quality-review.bpmn");
        var unreviewed = await adminApi.StartAsync("user-task", new { group = "others", note = "not sampled" });
        var review = await adminApi.StartAsync("quality-review", new { reviewedInstanceKey = reviewed });
        // A task of another process naming a case the same way opens nothing.
        await adminApi.StartAsync("user-task", new { group = "agents", reviewedInstanceKey = unreviewed });
        using var quinn = server.As("quinn");
        using var alice = server.As("alice");
        var quinnApi = new ApiClient(quinn);

        await CanReadAsync(quinn, reviewed);
        await CanReadAsync(quinn, review);
        await CannotReadAsync(quinn, unreviewed);
        await CannotReadAsync(quinn, agents);
        await CannotReadAsync(alice, reviewed);
        await CannotReadAsync(alice, unreviewed);
        Assert.Equal(new[] { reviewed, review }.Order(StringComparer.Ordinal),
            (await quinnApi.SearchAsync("process-instances", new { })).Select(i => i!["processInstanceKey"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        // Once she has reviewed it, she still reads it: the task stays hers.
        var task = Assert.Single(await quinnApi.SearchAsync("user-tasks", new { processInstanceKey = review }))!["userTaskKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await quinn.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "quinn" }));
        await ApiAssert.NoContent(await quinn.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { }));
        await CanReadAsync(quinn, reviewed);
    }

    private static async Task CanReadAsync(HttpClient client, string instance)
    {
        await ApiAssert.OkJson(await client.GetAsync($"/v2/process-instances/{instance}"));
        Assert.NotEmpty(await new ApiClient(client).SearchAsync("variables", new { processInstanceKey = instance }));
        Assert.NotEmpty((await ApiAssert.OkJson(await client.GetAsync($"/api/process-instances/{instance}/history"))).AsArray());
    }

    private static async Task CannotReadAsync(HttpClient client, string instance)
    {
        await ApiAssert.Problem(await client.GetAsync($"/v2/process-instances/{instance}"), 404, "NOT_FOUND");
        Assert.Empty(await new ApiClient(client).SearchAsync("variables", new { processInstanceKey = instance }));
        await ApiAssert.Problem(await client.GetAsync($"/api/process-instances/{instance}/history"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Bug_an_agent_completed_a_task_claimed_by_someone_else()
    {
        var (ours, _) = await TwoCasesAsync();
        using var admin = server.As("admin");
        using var alice = server.As("alice");
        var task = (await new ApiClient(alice).SearchAsync("user-tasks", new { processInstanceKey = ours }))[0]!["userTaskKey"]!.GetValue<string>();

        // Not hers until she claims it.
        var unclaimed = await ApiAssert.Problem(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { }), 409, "INVALID_STATE");
        Assert.Contains("claim it before completing it", unclaimed, StringComparison.Ordinal);

        // Someone else's: she can neither take it, nor drop it, nor complete it.
        await ApiAssert.NoContent(await admin.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "dave" }));
        await ApiAssert.Problem(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice", allowOverride = true }), 409, "INVALID_STATE");
        await ApiAssert.Problem(await alice.DeleteAsync($"/v2/user-tasks/{task}/assignee"), 409, "INVALID_STATE");
        var others = await ApiAssert.Problem(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { }), 409, "INVALID_STATE");
        Assert.Contains("assigned to 'dave'; only they can complete it", others, StringComparison.Ordinal);

        // Once it is hers, she completes it.
        await ApiAssert.NoContent(await admin.DeleteAsync($"/v2/user-tasks/{task}/assignee"));
        await ApiAssert.NoContent(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/assignment", new { assignee = "alice" }));
        await ApiAssert.NoContent(await alice.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { }));
    }

    [Fact]
    public async Task Bug_an_integration_key_cancelled_instances_and_edited_variables()
    {
        var (ours, _) = await TwoCasesAsync();
        using var ci = server.As("ci");

        await ApiAssert.Problem(await ci.PostAsJsonAsync($"/v2/process-instances/{ours}/cancellation", new { }), 403, "FORBIDDEN");
        await ApiAssert.Problem(await ci.PutAsJsonAsync($"/v2/element-instances/{ours}/variables", new { variables = new { note = "x" } }), 403, "FORBIDDEN");
        await ApiAssert.OkJson(await ci.PostAsJsonAsync("/v2/process-instances/search", new { filter = new { processInstanceKey = ours } }));
    }

    [Fact]
    public async Task Operators_actions_are_recorded_with_who_in_the_instance_history()
    {
        using var admin = server.As("admin");
        await new ApiClient(admin).DeployAsync("Api/job-work.bpmn");
        var instance = await new ApiClient(admin).StartAsync("job-work", new { jobType = "audit.work" });
        var job = (await new ApiClient(admin).ActivateAsync("audit.work"))[0]!["jobKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await admin.PostAsJsonAsync($"/v2/jobs/{job}/failure", new { retries = 0, errorMessage = "down" }));
        var incident = (await new ApiClient(admin).SearchAsync("incidents", new { processInstanceKey = instance }))[0]!["incidentKey"]!.GetValue<string>();
        using var oscar = server.As("oscar");

        await ApiAssert.NoContent(await oscar.PutAsJsonAsync($"/v2/element-instances/{instance}/variables", new { variables = new { amount = 10, note = "fixed" } }));
        await ApiAssert.NoContent(await oscar.PatchAsJsonAsync($"/v2/jobs/{job}", new { changeset = new { retries = 2 } }));
        await ApiAssert.NoContent(await oscar.PostAsJsonAsync($"/v2/incidents/{incident}/resolution", new { }));
        await ApiAssert.NoContent(await oscar.PostAsJsonAsync($"/v2/process-instances/{instance}/cancellation", new { }));

        var history = (await ApiAssert.OkJson(await oscar.GetAsync($"/api/process-instances/{instance}/history"))).AsArray();
        var operations = history.Where(h => h!["valueType"]!.GetValue<string>() == "OPERATION")
            .Select(h => (Intent: h!["intent"]!.GetValue<string>(), Detail: h["detail"]!.GetValue<string>(), At: h["timestamp"]!.GetValue<DateTimeOffset>())).ToList();
        Assert.Equal(
            [("VARIABLES_SET", "oscar: amount, note"), ("JOB_UPDATED", "oscar: retries 2"), ("INCIDENT_RESOLVED", "oscar"), ("CANCELED", "oscar")],
            operations.Select(o => (o.Intent, o.Detail)).ToList());
        Assert.All(operations, o => Assert.InRange(o.At, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public async Task A_role_may_be_granted_more_in_configuration()
    {
        await using var granted = new GrantedIntegrationFixture();
        await granted.InitializeAsync();
        await granted.DeployAsync("Api/user-task.bpmn");
        var instance = await granted.StartAsync("user-task", new { group = "agents" });
        using var ci = granted.NewClient();
        ci.DefaultRequestHeaders.Add("X-API-Key", RolesFixture.ApiKey);

        await ApiAssert.NoContent(await ci.PostAsJsonAsync($"/v2/process-instances/{instance}/cancellation", new { }));
        await ApiAssert.Problem(await ci.PostAsJsonAsync("/v2/jobs/activation", new JsonObject()), 403, "FORBIDDEN");
    }

    /// <summary>An integration key that may cancel instances and do nothing else.</summary>
    private sealed class GrantedIntegrationFixture : ServerFixture, IAsyncDisposable
    {
        protected override Dictionary<string, string?> Settings()
        {
            var settings = base.Settings();
            settings["Auth:ApiKeys:ci:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(RolesFixture.ApiKey)));
            settings["Auth:Roles:integration:0"] = "instances:cancel";
            return settings;
        }

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
