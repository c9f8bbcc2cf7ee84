using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Nothing stored can stop a start-up: the real server process is stopped and started again on the same database
/// holding what once bricked it, and it starts, with every readable instance working and an unreadable one quarantined.
/// </summary>
public sealed class RestartTests
{
    private static Dictionary<string, string?> Settings(TestDatabase database) => new()
    {
        ["Auth:Anonymous"] = "true",
        ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
    };

    [Fact]
    public async Task Bug_a_variable_nested_62_levels_deep_stopped_every_restart()
    {
        // Limits this generous let in what the defaults refuse: the stored state's reader must still take it.
        using var database = TestDatabase.Create();
        var settings = new Dictionary<string, string?>(Settings(database)) { ["Limits:VariableMaxDepth"] = "200" };
        var deep = new string('[', 62) + new string(']', 62);
        string typed, scripted;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Api/user-task.bpmn", "Hardening/deep-values.bpmn");
            var created = await api.Http.PostAsync("/v2/process-instances", new StringContent(
                $$"""{"processDefinitionId": "user-task", "variables": {"group": "agents", "deep": {{deep}} } }""", Encoding.UTF8, "application/json"));
            typed = (await ApiAssert.OkJson(created))["processInstanceKey"]!.GetValue<string>();
            scripted = await api.StartAsync("deep-values", new { depth = 99 });
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        var after = new ApiClient(new HttpClient { BaseAddress = second.Address });
        var variable = Assert.Single(await after.SearchAsync("variables", new { processInstanceKey = typed, name = "deep" }))!;
        Assert.Equal(deep, variable["value"]!.GetValue<string>());
        foreach (var instance in new[] { typed, scripted })
        {
            var task = Assert.Single(await after.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["userTaskKey"]!.GetValue<string>();
            await ApiAssert.NoContent(await after.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
            Assert.Equal("COMPLETED", (await after.SearchAsync("process-instances", new { processInstanceKey = instance }))[0]!["state"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task An_instance_whose_stored_state_cannot_be_read_is_quarantined_and_the_server_starts()
    {
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        string broken, healthy;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Api/user-task.bpmn");
            broken = await api.StartAsync("user-task", new { group = "agents" });
            healthy = await api.StartAsync("user-task", new { group = "agents" });
        }

        var key = long.Parse(broken, CultureInfo.InvariantCulture);
        var db = new OrchestratorDatabase(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);
        string snapshot;
        await using (var context = db.CreateContext())
        {
            snapshot = await context.ProcessInstances.Where(i => i.Key == key).Select(i => i.Elements).SingleAsync();
            await context.ProcessInstances.Where(i => i.Key == key).ExecuteUpdateAsync(u => u.SetProperty(i => i.Elements, "[{\"k\": \"not a key\"}"));
        }

        await using (var second = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = second.Address });
            var incident = Assert.Single(await api.SearchAsync("incidents", new { processInstanceKey = broken, state = "ACTIVE" }))!;
            Assert.Equal("QUARANTINED", incident["errorType"]!.GetValue<string>());
            Assert.Contains("could not be read", incident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True((await api.SearchAsync("process-instances", new { processInstanceKey = broken }))[0]!["hasIncident"]!.GetValue<bool>());
            Assert.Contains($"start-up left out process instance {broken}", second.Output, StringComparison.Ordinal);

            // Its task cannot be worked on while it is quarantined; the other instance runs on.
            var stuck = Assert.Single(await api.SearchAsync("user-tasks", new { processInstanceKey = broken }))!["userTaskKey"]!.GetValue<string>();
            await ApiAssert.Problem(await api.PostAsync($"/v2/user-tasks/{stuck}/completion", new { }), 404, "NOT_FOUND");
            var task = Assert.Single(await api.SearchAsync("user-tasks", new { processInstanceKey = healthy }))!["userTaskKey"]!.GetValue<string>();
            await ApiAssert.NoContent(await api.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
        }

        // Once the row is mended, the next start loads the instance and resolves its quarantine.
        await using (var context = db.CreateContext())
        {
            await context.ProcessInstances.Where(i => i.Key == key).ExecuteUpdateAsync(u => u.SetProperty(i => i.Elements, snapshot));
        }

        await using var third = await ServerProcess.StartAsync(database, settings);
        var mended = new ApiClient(new HttpClient { BaseAddress = third.Address });
        Assert.Empty(await mended.SearchAsync("incidents", new { processInstanceKey = broken, state = "ACTIVE" }));
        var again = Assert.Single(await mended.SearchAsync("user-tasks", new { processInstanceKey = broken, state = "CREATED" }))!;
        await ApiAssert.NoContent(await mended.PostAsync($"/v2/user-tasks/{again["userTaskKey"]!.GetValue<string>()}/completion", new { }));
    }

    [Fact]
    public async Task Every_malformed_deployment_is_refused_and_leaves_nothing_that_stops_the_next_start()
    {
        // Arrange: a valid model deployed before every broken resource of MalformedDeployments.
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Api/user-task.bpmn");

            // Act
            foreach (var (name, bad) in MalformedDeployments.All)
            {
                var response = await MalformedDeploymentTests.DeployAsync(api.Http, bad);
                Assert.True((int)response.StatusCode == 400, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            Assert.DoesNotContain(" ERR]", first.Output, StringComparison.Ordinal);
        }

        // Assert: only the valid model is stored, and the server starts on the database and runs it.
        var db = new OrchestratorDatabase(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);
        await using (var context = db.CreateContext())
        {
            Assert.Equal(["user-task"], await context.ProcessDefinitions.Select(d => d.BpmnProcessId).ToListAsync());
            Assert.Equal(0, await context.Forms.CountAsync() + await context.DecisionRequirements.CountAsync());
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        var restarted = new ApiClient(new HttpClient { BaseAddress = second.Address });
        var instance = await restarted.StartAsync("user-task", new { group = "agents" });
        Assert.Single(await restarted.SearchAsync("user-tasks", new { processInstanceKey = instance }));
    }

    [Fact]
    public async Task A_definition_stored_with_listeners_an_older_version_ignored_still_loads_its_instances_go_on_and_new_ones_run_them()
    {
        // Arrange: a user task model deployed and started, then its stored XML given an execution listener, as a definition
        // deployed by a version that ignored listeners would have it (the instance is past the point where it would have run).
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        const string Listener = "<zeebe:userTask /><zeebe:executionListeners><zeebe:executionListener eventType=\"start\" type=\"audit\" /></zeebe:executionListeners>";
        string instance;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Api/user-task.bpmn");
            instance = await api.StartAsync("user-task", new { group = "agents" });
        }

        var db = new OrchestratorDatabase(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);
        await using (var context = db.CreateContext())
        {
            var xml = await context.ProcessDefinitions.Where(d => d.BpmnProcessId == "user-task").Select(d => d.Xml).SingleAsync();
            Assert.Contains("<zeebe:userTask />", xml, StringComparison.Ordinal);
            var withListener = xml.Replace("<zeebe:userTask />", Listener, StringComparison.Ordinal);
            await context.ProcessDefinitions.Where(d => d.BpmnProcessId == "user-task").ExecuteUpdateAsync(u => u.SetProperty(d => d.Xml, withListener));
        }

        // Act
        await using var second = await ServerProcess.StartAsync(database, settings);
        var restarted = new ApiClient(new HttpClient { BaseAddress = second.Address });

        // Assert: nothing quarantined, the task is completed and the instance ends, as before the upgrade.
        Assert.Empty(await restarted.SearchAsync("incidents", new { processInstanceKey = instance }));
        var task = Assert.Single(await restarted.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["userTaskKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await restarted.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
        Assert.Equal("COMPLETED", (await restarted.SearchAsync("process-instances", new { processInstanceKey = instance }))[0]!["state"]!.GetValue<string>());

        // A new instance of the stored definition runs the listener before its task is created.
        var next = await restarted.StartAsync("user-task", new { group = "agents" });
        Assert.Empty(await restarted.SearchAsync("user-tasks", new { processInstanceKey = next }));
        var audit = Assert.Single(await restarted.ActivateAsync("audit"))!;
        Assert.Equal(("EXECUTION_LISTENER", next), (audit["kind"]!.GetValue<string>(), audit["processInstanceKey"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_request_body_larger_than_the_request_limit_is_a_413_and_a_model_may_be_larger()
    {
        using var database = TestDatabase.Create();
        await using var server = await ServerProcess.StartAsync(database, new Dictionary<string, string?>(Settings(database))
        {
            ["Limits:RequestMaxBytes"] = "100000",
            ["Limits:VariableMaxBytes"] = "50000",
            ["Limits:DeploymentMaxBytes"] = "300000",
        });
        using var client = new HttpClient { BaseAddress = server.Address };

        // With its length declared, as clients send JSON (a chunked body past the limit is cut off by the web server: 413, no body).
        var body = $$"""{"processDefinitionId": "anything", "variables": {"letter": "{{new string('x', 200_000)}}" } }""";
        var sent = await client.PostAsync("/v2/process-instances", new StringContent(body, Encoding.UTF8, "application/json"));
        var detail = await ApiAssert.Problem(sent, 413, "PAYLOAD_TOO_LARGE");
        Assert.Contains("takes at most 100000", detail, StringComparison.Ordinal);

        var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Api", "user-task.bpmn"));
        var padded = model.Replace("<bpmn:process ", $"<!-- {new string('x', 200_000)} --><bpmn:process ", StringComparison.Ordinal);
        using var deployment = new MultipartFormDataContent { { new StringContent(padded), "resources", "user-task.bpmn" } };
        await ApiAssert.OkJson(await client.PostAsync("/v2/deployments", deployment));
        using var tooBig = new MultipartFormDataContent { { new StringContent(padded + new string(' ', 150_000)), "resources", "user-task.bpmn" } };
        await ApiAssert.Problem(await client.PostAsync("/v2/deployments", tooBig), 413, "PAYLOAD_TOO_LARGE");
    }

    private static readonly string[] Items = ["a", "b"];

    private static OrchestratorDatabase Open(TestDatabase database) => new(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);

    [Fact]
    public async Task A_quarantined_instance_takes_its_call_tree_along_and_refuses_actions_with_409()
    {
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        string parent, child;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Api/user-task.bpmn", "Hardening/call-parent.bpmn");
            parent = await api.StartAsync("call-parent", new { group = "agents" });
            child = Assert.Single(await api.SearchAsync("process-instances", new { parentProcessInstanceKey = parent }))!["processInstanceKey"]!.GetValue<string>();
        }

        var childKey = long.Parse(child, CultureInfo.InvariantCulture);
        await using (var context = Open(database).CreateContext())
        {
            await context.ProcessInstances.Where(i => i.Key == childKey).ExecuteUpdateAsync(u => u.SetProperty(i => i.Elements, "not json"));
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        var after = new ApiClient(new HttpClient { BaseAddress = second.Address });
        var childIncident = Assert.Single(await after.SearchAsync("incidents", new { processInstanceKey = child, state = "ACTIVE" }))!;
        var parentIncident = Assert.Single(await after.SearchAsync("incidents", new { processInstanceKey = parent, state = "ACTIVE" }))!;
        Assert.Equal("QUARANTINED", parentIncident["errorType"]!.GetValue<string>());
        Assert.Contains($"in the call tree of instance {child}", parentIncident["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);

        var cancel = await ApiAssert.Problem(await after.PostAsync($"/v2/process-instances/{parent}/cancellation", new { }), 409, "CONFLICT");
        Assert.Contains("quarantined", cancel, StringComparison.Ordinal);
        await ApiAssert.Problem(await after.PostAsync($"/v2/incidents/{childIncident["incidentKey"]!.GetValue<string>()}/resolution", null), 409, "CONFLICT");
    }

    [Fact]
    public async Task Bug_a_redeploy_after_a_stored_version_that_no_longer_parses_stopped_the_node()
    {
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        var model = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Api", "user-task.bpmn"));
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            foreach (var name in new[] { "Review", "Review again" })
            {
                using var deployment = new MultipartFormDataContent { { new StringContent(model.Replace("name=\"Review\"", $"name=\"{name}\"", StringComparison.Ordinal)), "resources", "user-task.bpmn" } };
                await ApiAssert.OkJson(await client.PostAsync("/v2/deployments", deployment));
            }
        }

        await using (var context = Open(database).CreateContext())
        {
            await context.ProcessDefinitions.Where(d => d.BpmnProcessId == "user-task" && d.Version == 2).ExecuteUpdateAsync(u => u.SetProperty(d => d.Xml, "<broken"));
        }

        await using var second = await ServerProcess.StartAsync(database, settings);
        var after = new ApiClient(new HttpClient { BaseAddress = second.Address });
        var refused = await ApiAssert.Problem(await after.PostAsync("/v2/process-instances", new { processDefinitionId = "user-task", variables = new { group = "g" } }), 409, "INVALID_STATE");
        Assert.Contains("latest version (2) of process 'user-task' could not be loaded", refused, StringComparison.Ordinal);

        using var fixedModel = new MultipartFormDataContent { { new StringContent(model.Replace("name=\"Review\"", "name=\"Review, fixed\"", StringComparison.Ordinal)), "resources", "user-task.bpmn" } };
        var deployed = await ApiAssert.OkJson(await after.Http.PostAsync("/v2/deployments", fixedModel));
        Assert.Equal(3, deployed["deployments"]![0]!["processDefinition"]!["processDefinitionVersion"]!.GetValue<int>());
        await after.StartAsync("user-task", new { group = "g" });
        await ApiAssert.OkJson(await after.Http.GetAsync("/v2/topology"));
    }

    [Fact]
    public async Task Variables_an_older_version_kept_only_in_snapshots_are_there_after_the_upgrade()
    {
        // Before variables were kept once, a multi-instance's loopCounter and item lived only in the instance's snapshot.
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        string instance;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Hardening/items.bpmn");
            instance = await api.StartAsync("items", new { items = Items });
        }

        var key = long.Parse(instance, CultureInfo.InvariantCulture);
        await using (var context = Open(database).CreateContext())
        {
            var row = await context.ProcessInstances.SingleAsync(i => i.Key == key);
            var elements = System.Text.Json.Nodes.JsonNode.Parse(row.Elements)!.AsArray();
            var inner = elements.Single(e => e!["n"]!.GetValue<string>() == "check" && e["mi"] is null)!;
            var scope = inner["k"]!.GetValue<long>();
            inner["v"] = new System.Text.Json.Nodes.JsonObject { ["loopCounter"] = 1, ["item"] = "a" };
            row.Elements = elements.ToJsonString();
            await context.Variables.Where(v => v.ScopeKey == scope).ExecuteDeleteAsync();
            await context.SaveChangesAsync();
        }

        for (var restart = 0; restart < 2; restart++)
        {
            // The first start finds them in the snapshot and writes them as rows; the second reads the rows.
            await using var server = await ServerProcess.StartAsync(database, settings);
            var api = new ApiClient(new HttpClient { BaseAddress = server.Address });
            var task = Assert.Single(await api.SearchAsync("user-tasks", new { processInstanceKey = instance, state = "CREATED" }))!["userTaskKey"]!.GetValue<string>();
            await ApiAssert.NoContent(await api.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
        }

        await using var last = await ServerProcess.StartAsync(database, settings);
        var checkedItems = Assert.Single(await new ApiClient(new HttpClient { BaseAddress = last.Address }).SearchAsync("variables", new { scopeKey = instance, name = "checked" }))!;
        Assert.Equal("[\"a:1\",\"b:2\"]", checkedItems["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Decisions_survive_a_restart_and_one_that_no_longer_reads_keeps_its_version_numbers()
    {
        using var database = TestDatabase.Create();
        var settings = Settings(database);
        string waiting;
        await using (var first = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = first.Address });
            await api.DeployAsync("Hardening/decide-later.dmn", "Hardening/decide-later.bpmn");
            waiting = await api.StartAsync("decide-later-process", new { amount = 40 });
        }

        await using (var second = await ServerProcess.StartAsync(database, settings))
        {
            var api = new ApiClient(new HttpClient { BaseAddress = second.Address });
            var task = Assert.Single(await api.SearchAsync("user-tasks", new { processInstanceKey = waiting }))!["userTaskKey"]!.GetValue<string>();
            await ApiAssert.NoContent(await api.PostAsync($"/v2/user-tasks/{task}/completion", new { }));
            var route = Assert.Single(await api.SearchAsync("variables", new { processInstanceKey = waiting, name = "route" }))!;
            Assert.Equal("\"instant\"", route["value"]!.GetValue<string>());
            Assert.Equal("COMPLETED", (await api.SearchAsync("process-instances", new { processInstanceKey = waiting }))[0]!["state"]!.GetValue<string>());
        }

        // A stored model that no longer parses (an older server's XML a newer parser refuses) must not stop the start-up, nor
        // make the next deployment of the same ids collide with the versions it holds.
        var db = new OrchestratorDatabase(Enum.Parse<DatabaseProvider>(database.Provider), database.ConnectionString);
        await using (var context = db.CreateContext())
        {
            await context.DecisionRequirements.ExecuteUpdateAsync(u => u.SetProperty(r => r.Xml, "<definitions"));
        }

        await using var third = await ServerProcess.StartAsync(database, settings);
        var after = new ApiClient(new HttpClient { BaseAddress = third.Address });
        var changed = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Hardening/decide-later.dmn"))).Replace("&lt; 100", "&lt; 200", StringComparison.Ordinal);
        var deployment = await after.DeployXmlAsync("decide-later.dmn", changed);
        var decision = deployment["deployments"]!.AsArray().Select(d => d!["decisionDefinition"]).Single(d => d is not null)!;
        Assert.Equal(2, decision["version"]!.GetValue<int>());
        var evaluated = await after.PostOkAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = "decide-later", variables = new { amount = 150 } });
        Assert.Equal("\"instant\"", evaluated["output"]!.GetValue<string>());
    }
}
