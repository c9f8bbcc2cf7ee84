using System.Net;
using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Cluster;

/// <summary>
/// Two server processes on one PostgreSQL database form one cluster: either answers everything, and together they do each thing
/// once — a job leased once, a message start once, a timer fired once, a deployment versioned once — while commands on one
/// instance from both never interleave.
/// </summary>
public sealed class ClusterTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [PostgresFact]
    public async Task Both_nodes_are_in_the_topology_of_either_and_a_deployment_on_one_is_used_on_the_other_at_once()
    {
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            var topology = await ApiAssert.OkJson(await node.GetAsync("/v2/topology"));
            Assert.Equal(2, topology["clusterSize"]!.GetValue<int>());
            Assert.Equal([0, 1], topology["brokers"]!.AsArray().Select(b => b!["nodeId"]!.GetValue<int>()).Order());
        }

        var process = Nodes.Unique("fresh");
        var caughtUp = await CatchUpsAsync(nodes.B);
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var key = await Nodes.CreateAsync(nodes.B, process);

        Assert.Equal("ACTIVE", await Nodes.StateAsync(nodes.A, key));

        // B brought in the deployment A wrote with a catch-up, and counts it at /metrics.
        Assert.True(await Poll.Until(async () => await CatchUpsAsync(nodes.B) > caughtUp), "B's catch-ups are counted at /metrics");
    }

    /// <summary>The catch-ups a node put into memory so far (<c>orchestrator_catchup_duration_seconds</c>, phase <c>apply</c>).</summary>
    private static async Task<double> CatchUpsAsync(HttpClient node) =>
        Telemetry.PrometheusText.Sum(await node.GetStringAsync("/metrics"), "orchestrator_catchup_duration_seconds_count", "phase=apply") ?? 0;

    [PostgresFact]
    public async Task A_job_created_on_one_node_is_handed_out_at_once_by_the_other_to_a_worker_that_does_not_wait()
    {
        // A node answers before the other hears of its commit (the notification is on the way): a worker told the instance was
        // created and asking the other node at once, without a long poll, still gets the job.
        // Five workers at a time, each on its own process and job type, keep both nodes busy, which widens the gap.
        var processes = Enumerable.Range(0, 5).Select(_ => Nodes.Unique("told")).ToList();
        foreach (var process in processes)
        {
            await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        }

        await Task.WhenAll(processes.Select(async process =>
        {
            for (var i = 0; i < 20; i++)
            {
                var (creator, worker) = i % 2 == 0 ? (nodes.A, nodes.B) : (nodes.B, nodes.A);
                await Nodes.CreateAsync(creator, process);
                Assert.Single(await Nodes.ActivateAsync(worker, process, 1));
            }
        }));
    }

    [PostgresFact]
    public async Task A_start_by_process_id_on_a_node_not_yet_told_of_a_later_version_starts_the_later_version()
    {
        var process = Nodes.Unique("later");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, "first"));
        await Nodes.CreateAsync(nodes.B, process);

        // Another node deployed version 2 and its notification has not arrived: the row and its change feed entry, no NOTIFY.
        const long later = (900L << 51) + 1;
        await using (var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var deploy = new Npgsql.NpgsqlCommand(
                "INSERT INTO process_definitions (\"Key\", \"BpmnProcessId\", \"Version\", \"ResourceName\", \"Xml\", \"DeploymentKey\", \"Checksum\") " +
                "VALUES (@key, @process, 2, @resource, @xml, @key, 'later'); " +
                "INSERT INTO changes (\"NodeId\", \"At\", \"Keys\", \"Transaction\") VALUES (900, now(), @keys, pg_current_xact_id()::text::bigint)", connection);
            deploy.Parameters.AddWithValue("key", later);
            deploy.Parameters.AddWithValue("process", process);
            deploy.Parameters.AddWithValue("resource", process + ".bpmn");
            deploy.Parameters.AddWithValue("xml", Nodes.JobModel(process, "second"));
            deploy.Parameters.AddWithValue("keys", $$"""{"Definitions":[{{later}}]}""");
            await deploy.ExecuteNonQueryAsync();
        }

        // The node starts the version it knows, finds at commit that a later one exists, reads the feed and starts that.
        var created = await ApiAssert.OkJson(await nodes.B.PostAsJsonAsync("/v2/process-instances", new { processDefinitionId = process }));

        Assert.Equal(later.ToString(System.Globalization.CultureInfo.InvariantCulture), created["processDefinitionKey"]!.GetValue<string>());
        Assert.Equal(2, created["processDefinitionVersion"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task An_instance_moved_between_nodes_keeps_its_history_in_order()
    {
        // One of the two directions hands the instance to the node whose block of history positions is the older one.
        foreach (var (first, second) in new[] { (nodes.A, nodes.B), (nodes.B, nodes.A) })
        {
            var process = Nodes.Unique("moved");
            await Nodes.DeployAsync(first, process + ".bpmn", Nodes.JobModel(process, process));
            var instance = await Nodes.CreateAsync(first, process);
            var job = Assert.Single(await Nodes.ActivateAsync(second, process, 1));
            await ApiAssert.NoContent(await Nodes.CompleteAsync(second, job));
            Assert.Equal("COMPLETED", await Nodes.StateAsync(first, instance));

            await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
            await connection.OpenAsync();
            await using var read = new Npgsql.NpgsqlCommand(
                "SELECT \"Position\", \"Records\" FROM history_blocks WHERE \"ProcessInstanceKey\" = @key ORDER BY \"Position\"", connection);
            var key = long.Parse(instance, System.Globalization.CultureInfo.InvariantCulture);
            read.Parameters.AddWithValue("key", key);
            var stored = new List<Orchestrator.Engine.State.HistoryRecord>();
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    stored.AddRange(Orchestrator.Persistence.Store.HistoryBlocks.Unpack(
                        new Orchestrator.Persistence.Rows.HistoryBlockRow { ProcessInstanceKey = key, Position = reader.GetInt64(0), Records = reader.GetString(1) }));
                }
            }

            // The blocks in the order of their positions hold the records in the order of theirs: no two blocks interleave.
            Assert.Equal(stored.Select(r => r.Position).Order(), stored.Select(r => r.Position));
            var records = stored.Select(r => $"{Orchestrator.Engine.State.RecordNames.Of(r.ValueType)} {Orchestrator.Engine.State.RecordNames.Of(r.Intent)} {r.ElementId}").ToList();
            Assert.Equal("ELEMENT ELEMENT_ACTIVATING " + process, records[0]);
            Assert.True(records.IndexOf("JOB CREATED task0") < records.IndexOf("JOB ACTIVATED task0"), string.Join(", ", records));
            Assert.True(records.IndexOf("JOB ACTIVATED task0") < records.IndexOf("JOB COMPLETED task0"), string.Join(", ", records));
            Assert.Equal("ELEMENT ELEMENT_COMPLETED " + process, records[^1]);
        }
    }

    [PostgresFact]
    public async Task A_decision_deployed_on_one_node_decides_on_the_other_and_is_recorded_once()
    {
        var decision = Nodes.Unique("route");
        await Nodes.DeployAsync(nodes.A, decision + ".dmn", $$"""
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="{{decision}}-drg" name="Route" namespace="https://example.com/{{decision}}">
              <decision id="{{decision}}" name="Route">
                <decisionTable id="t" hitPolicy="FIRST">
                  <input id="i"><inputExpression typeRef="number"><text>amount</text></inputExpression></input>
                  <output id="o" name="route" typeRef="string" />
                  <rule id="small"><inputEntry><text>&lt; 100</text></inputEntry><outputEntry><text>"instant"</text></outputEntry></rule>
                  <rule id="large"><inputEntry><text>-</text></inputEntry><outputEntry><text>"review"</text></outputEntry></rule>
                </decisionTable>
              </decision>
            </definitions>
            """);
        await Nodes.DeployAsync(nodes.A, decision + ".bpmn", $$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:process id="{{decision}}-process" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="b" />
                <bpmn:businessRuleTask id="b"><bpmn:extensionElements><zeebe:calledDecision decisionId="{{decision}}" resultVariable="route" /></bpmn:extensionElements></bpmn:businessRuleTask>
                <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        var key = await Nodes.CreateAsync(nodes.B, decision + "-process", new { amount = 500 });

        Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.A, key));
        var instance = Assert.Single(await Nodes.SearchAsync(nodes.A, "decision-instances", new { processInstanceKey = key }))!;
        Assert.Equal("\"review\"", instance["result"]!.GetValue<string>());
        var evaluated = await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync("/v2/decision-definitions/evaluation", new { decisionDefinitionId = decision, variables = new { amount = 5 } }));
        Assert.Equal("\"instant\"", evaluated["output"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task Deploying_the_same_resource_on_both_nodes_at_once_gives_one_version()
    {
        var process = Nodes.Unique("twice");
        var xml = Nodes.JobModel(process, process);

        var both = await Task.WhenAll(Nodes.DeployAsync(nodes.A, process + ".bpmn", xml), Nodes.DeployAsync(nodes.B, process + ".bpmn", xml));

        var keys = both.Select(d => d["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>()).Distinct().ToList();
        Assert.Single(keys);
        var versions = await Nodes.SearchAsync(nodes.B, "process-definitions", new { processDefinitionId = process });
        Assert.Equal(1, Assert.Single(versions)!["version"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task A_job_is_leased_once_whichever_nodes_the_workers_poll_and_a_second_completion_has_no_effect()
    {
        var process = Nodes.Unique("jobs");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var instances = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            instances.Add(await Nodes.CreateAsync(i % 2 == 0 ? nodes.A : nodes.B, process));
        }

        var workers = Enumerable.Range(0, 6).Select(async w =>
        {
            var node = w % 2 == 0 ? nodes.A : nodes.B;
            var leased = new List<string>();
            while (await Nodes.ActivateAsync(node, process, 3, worker: $"w{w}") is { Count: > 0 } jobs)
            {
                leased.AddRange(jobs);
            }

            return leased;
        });
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).ToList();

        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
        await ApiAssert.NoContent(await Nodes.CompleteAsync(nodes.A, all[0], new { first = true }));
        var again = await Nodes.CompleteAsync(nodes.B, all[0], new { first = false });
        Assert.Contains(again.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Conflict });
        var variables = await Nodes.SearchAsync(nodes.B, "variables", new { name = "first" });
        Assert.Equal("true", Assert.Single(variables)!["value"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task Commands_on_one_instance_from_both_nodes_at_once_never_interleave()
    {
        var process = Nodes.Unique("parallel");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process + "-left", process + "-right"));
        var instances = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            instances.Add(await Nodes.CreateAsync(nodes.A, process));
        }

        var left = await Nodes.ActivateAsync(nodes.A, process + "-left", 10);
        var right = await Nodes.ActivateAsync(nodes.B, process + "-right", 10);
        var completions = left.Select(k => Nodes.CompleteAsync(nodes.A, k, new { left = true }))
            .Concat(right.Select(k => Nodes.CompleteAsync(nodes.B, k, new { right = true })));
        foreach (var response in await Task.WhenAll(completions))
        {
            await ApiAssert.NoContent(response);
        }

        foreach (var key in instances)
        {
            Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.B, key));
            var ends = await Nodes.SearchAsync(nodes.A, "element-instances", new { processInstanceKey = key, elementId = "end" });
            Assert.Single(ends);
            var names = (await Nodes.SearchAsync(nodes.A, "variables", new { processInstanceKey = key })).Select(v => v!["name"]!.GetValue<string>()).Order();
            Assert.Equal(["left", "right"], names);
        }
    }

    [PostgresFact]
    public async Task Commands_on_different_instances_run_on_both_nodes_at_once()
    {
        var process = Nodes.Unique("apart");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var held = await Nodes.CreateAsync(nodes.A, process);
        var free = await Nodes.CreateAsync(nodes.A, process);
        var activated = await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync("/v2/jobs/activation",
            new { type = process, worker = "cluster", timeout = 60_000, maxJobsToActivate = 2 }));
        var byInstance = activated["jobs"]!.AsArray().ToDictionary(j => j!["processInstanceKey"]!.GetValue<string>(), j => j!["jobKey"]!.GetValue<string>());
        Assert.Equal([held, free], byInstance.Keys.Order());
        // Another transaction holds the row of one instance: a node committing a command on it waits for that row.
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT 1 FROM process_instances WHERE \"Key\" = @key FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("key", long.Parse(held, System.Globalization.CultureInfo.InvariantCulture));
            await lockRow.ExecuteNonQueryAsync();
        }

        var waiting = Nodes.CompleteAsync(nodes.A, byInstance[held], new { done = true });
        await WaitForLockWaitAsync(connection.Database);

        // The other node goes on with another instance meanwhile (one turn-taking gate for the whole cluster would have it wait).
        await ApiAssert.NoContent(await Nodes.CompleteAsync(nodes.B, byInstance[free], new { done = true }));
        Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.B, free));
        Assert.False(waiting.IsCompleted);
        Assert.Equal("ACTIVE", await Nodes.StateAsync(nodes.B, held));

        await transaction.RollbackAsync();
        await ApiAssert.NoContent(await waiting);
        Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.B, held));
    }

    [PostgresFact]
    public async Task A_command_whose_instance_another_transaction_changed_first_is_run_again_not_failed()
    {
        var process = Nodes.Unique("overtaken");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var instance = await Nodes.CreateAsync(nodes.A, process);
        var job = Assert.Single(await Nodes.ActivateAsync(nodes.A, process, 1));
        var conflicts = await ConflictsAsync(nodes.A);

        // Another writer holds the instance's row and raises its revision, as a commit of another node would.
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var overtake = new Npgsql.NpgsqlCommand(
            "UPDATE process_instances SET \"Revision\" = \"Revision\" + 1 WHERE \"Key\" = @key", connection, transaction))
        {
            overtake.Parameters.AddWithValue("key", long.Parse(instance, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, await overtake.ExecuteNonQueryAsync());
        }

        var completion = Nodes.CompleteAsync(nodes.A, job, new { done = true });
        await WaitForLockWaitAsync(connection.Database);
        Assert.False(completion.IsCompleted);
        await transaction.CommitAsync();

        // The node's commit was left out (the revision it built on is gone); it read the instance again and ran the command again.
        await ApiAssert.NoContent(await completion);
        Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.B, instance));
        Assert.Single(await Nodes.SearchAsync(nodes.B, "element-instances", new { processInstanceKey = instance, elementId = "end" }));
        Assert.True(await ConflictsAsync(nodes.A) > conflicts, "the commit left out is counted at /metrics");
    }

    /// <summary>The commits a node left out so far (<c>orchestrator_journal_conflicts_total</c>).</summary>
    private static async Task<double> ConflictsAsync(HttpClient node) =>
        Telemetry.PrometheusText.Sum(await node.GetStringAsync("/metrics"), "orchestrator_journal_conflicts_total") ?? 0;

    [PostgresFact]
    public async Task An_undeployment_that_another_node_started_an_instance_of_meanwhile_is_refused()
    {
        var process = Nodes.Unique("undeploy-race");
        var definition = (await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process)))["deployments"]![0]!["processDefinition"]!
            ["processDefinitionKey"]!.GetValue<string>();

        // Another node's start in the middle of its commit: the definition checked FOR SHARE, its instance written, not yet committed.
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var start = new Npgsql.NpgsqlCommand(
            "SELECT 1 FROM process_definitions WHERE \"Key\" = @definition FOR SHARE; " +
            "INSERT INTO process_instances (\"Key\", \"ProcessDefinitionKey\", \"BpmnProcessId\", \"Version\", \"State\", \"StartDate\", \"HasIncident\", \"Revision\", \"Elements\") " +
            "VALUES ((901::bigint << 51) + 1, @definition, @process, 1, 'ACTIVE', now(), false, 1, '[]')", connection, transaction))
        {
            start.Parameters.AddWithValue("definition", long.Parse(definition, System.Globalization.CultureInfo.InvariantCulture));
            start.Parameters.AddWithValue("process", process);
            await start.ExecuteNonQueryAsync();
        }

        // The node counts no instance (the start has not committed) and reaches for the definition's row.
        var undeploy = nodes.A.PostAsJsonAsync($"/v2/resources/{definition}/deletion", new { });
        await WaitForLockWaitAsync(connection.Database);
        Assert.False(undeploy.IsCompleted);
        await transaction.CommitAsync();

        // Its commit was left out (an instance exists now); run again, it finds the instance and refuses.
        var detail = await ApiAssert.Problem(await undeploy, 409, "INVALID_STATE");
        Assert.Contains("1 instance", detail, StringComparison.Ordinal);
        Assert.Single(await Nodes.SearchAsync(nodes.B, "process-definitions", new { processDefinitionId = process }));
        await using var remove = new Npgsql.NpgsqlCommand("DELETE FROM process_instances WHERE \"BpmnProcessId\" = @process", connection);
        remove.Parameters.AddWithValue("process", process);
        Assert.Equal(1, await remove.ExecuteNonQueryAsync());
    }

    [PostgresFact]
    public async Task A_migration_to_a_version_another_node_undeploys_meanwhile_is_refused()
    {
        var process = Nodes.Unique("migrate-race");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var instance = await Nodes.CreateAsync(nodes.A, process);
        var v2 = (await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process + "-v2")))["deployments"]![0]!["processDefinition"]!
            ["processDefinitionKey"]!.GetValue<string>();

        // Another node's undeployment of version 2 in the middle of its commit: the row locked and deleted, the change in the
        // feed and notified, not yet committed.
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var undeploy = new Npgsql.NpgsqlCommand(
            "SELECT 1 FROM process_definitions WHERE \"Key\" = @definition FOR UPDATE; " +
            "DELETE FROM process_definitions WHERE \"Key\" = @definition; " +
            "INSERT INTO changes (\"NodeId\", \"At\", \"Keys\", \"Transaction\") VALUES (901, now(), @keys, pg_current_xact_id()::text::bigint); " +
            "SELECT pg_notify('" + Orchestrator.Persistence.Cluster.ChangeFeed.Channel + "', '901' || @mark)", connection, transaction))
        {
            undeploy.Parameters.AddWithValue("definition", long.Parse(v2, System.Globalization.CultureInfo.InvariantCulture));
            undeploy.Parameters.AddWithValue("keys", $"{{\"Definitions\":[{v2}]}}");
            undeploy.Parameters.AddWithValue("mark", Orchestrator.Persistence.Cluster.ChangeFeed.DefinitionsMark);
            Assert.Equal(2, await undeploy.ExecuteNonQueryAsync());
        }

        // The node migrates to the version it still knows and reaches for its row.
        var migration = nodes.A.PostAsJsonAsync($"/v2/process-instances/{instance}/migration",
            new { targetProcessDefinitionKey = v2, mappingInstructions = Array.Empty<object>() });
        await WaitForLockWaitAsync(connection.Database);
        Assert.False(migration.IsCompleted);
        await transaction.CommitAsync();

        // Its commit was left out (version 2 is gone); run again after reading the feed, it finds no version 2.
        await ApiAssert.Problem(await migration, 404, "NOT_FOUND");
        var stored = await ApiAssert.OkJson(await nodes.B.GetAsync($"/v2/process-instances/{instance}"));
        Assert.Equal(1, stored["processDefinitionVersion"]!.GetValue<int>());
        var element = Assert.Single(await Nodes.SearchAsync(nodes.B, "element-instances", new { processInstanceKey = instance, elementId = "task0" }))!;
        Assert.NotEqual(v2, element["processDefinitionKey"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task Await_completion_answers_with_the_end_that_was_written_not_with_one_left_out()
    {
        var process = Nodes.Unique("awaited");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var awaiting = nodes.A.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = process, awaitCompletion = true, requestTimeout = 30_000, variables = new { note = "original" } });
        var job = await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync("/v2/jobs/activation",
            new { type = process, worker = "cluster", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 30_000 }));
        var instance = long.Parse(job["jobs"]![0]!["processInstanceKey"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        // Another writer changes the instance first (a variable with it) and holds its row.
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var overtake = new Npgsql.NpgsqlCommand(
            "UPDATE process_instances SET \"Revision\" = \"Revision\" + 1 WHERE \"Key\" = @key; " +
            "UPDATE variables SET \"Value\" = '\"changed\"' WHERE \"ProcessInstanceKey\" = @key AND \"Name\" = 'note'", connection, transaction))
        {
            overtake.Parameters.AddWithValue("key", instance);
            await overtake.ExecuteNonQueryAsync();
        }

        var completion = Nodes.CompleteAsync(nodes.A, job["jobs"]![0]!["jobKey"]!.GetValue<string>());
        await WaitForLockWaitAsync(connection.Database);
        await transaction.CommitAsync();

        // The first run's end was left out; the waiter hears of the end run again on what the other writer left.
        await ApiAssert.NoContent(await completion);
        var ended = await ApiAssert.OkJson(await awaiting);
        Assert.Equal("changed", ended["variables"]!["note"]!.GetValue<string>());
    }

    [PostgresFact]
    public async Task Await_completion_hears_of_an_end_another_writer_made_first_when_the_nodes_own_end_was_left_out()
    {
        var process = Nodes.Unique("ended-elsewhere");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var awaiting = nodes.A.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = process, awaitCompletion = true, requestTimeout = 20_000 });
        var job = await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync("/v2/jobs/activation",
            new { type = process, worker = "cluster", timeout = 60_000, maxJobsToActivate = 1, requestTimeout = 30_000 }));
        var instance = long.Parse(job["jobs"]![0]!["processInstanceKey"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        // Another writer ends the instance first (as a cancel on another node would) and holds its row.
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var cancel = new Npgsql.NpgsqlCommand(
            "UPDATE process_instances SET \"Revision\" = \"Revision\" + 1, \"State\" = 'TERMINATED', \"EndDate\" = now() WHERE \"Key\" = @key",
            connection, transaction))
        {
            cancel.Parameters.AddWithValue("key", instance);
            Assert.Equal(1, await cancel.ExecuteNonQueryAsync());
        }

        var completion = Nodes.CompleteAsync(nodes.A, job["jobs"]![0]!["jobKey"]!.GetValue<string>());
        await WaitForLockWaitAsync(connection.Database);
        await transaction.CommitAsync();

        // The node's own end was left out and its completion finds the instance gone; the waiter hears of the end that was written.
        Assert.InRange((int)(await completion).StatusCode, 400, 499);
        var ended = await ApiAssert.OkJson(await awaiting);
        Assert.Equal(instance.ToString(System.Globalization.CultureInfo.InvariantCulture), ended["processInstanceKey"]!.GetValue<string>());
    }

    /// <summary>Waits until a session on the database waits for a row lock (the node's commit reached the held row).</summary>
    private async Task WaitForLockWaitAsync(string database)
    {
        await using var watch = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await watch.OpenAsync();
        for (var tries = 0; tries < 600; tries++)
        {
            await using var waiting = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @database AND wait_event_type = 'Lock'", watch);
            waiting.Parameters.AddWithValue("database", database);
            if ((long)(await waiting.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("no session waited for the held row within 30 s");
    }

    [PostgresFact]
    public async Task A_long_poll_on_one_node_is_woken_by_a_job_created_on_the_other()
    {
        var process = Nodes.Unique("wake");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var waiting = Nodes.ActivateAsync(nodes.A, process, 1, requestTimeout: 30_000);

        var key = await Nodes.CreateAsync(nodes.B, process);

        Assert.Single(await waiting);
        Assert.Equal("ACTIVE", await Nodes.StateAsync(nodes.A, key));
    }

    [PostgresFact]
    public async Task Await_completion_on_one_node_returns_when_the_instance_ends_on_the_other()
    {
        var process = Nodes.Unique("await");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", Nodes.JobModel(process, process));
        var creation = nodes.A.PostAsJsonAsync("/v2/process-instances",
            new { processDefinitionId = process, awaitCompletion = true, requestTimeout = 30_000, variables = new { asked = 1 } });

        var job = Assert.Single(await Nodes.ActivateAsync(nodes.B, process, 1, requestTimeout: 30_000));
        await ApiAssert.NoContent(await Nodes.CompleteAsync(nodes.B, job, new { answer = 42 }));

        var result = await ApiAssert.OkJson(await creation);
        Assert.Equal(42, result["variables"]!["answer"]!.GetValue<int>());
    }

    [PostgresFact]
    public async Task A_completion_held_for_its_task_listener_on_one_node_is_answered_when_the_listener_answers_on_the_other()
    {
        var process = Nodes.Unique("listened");
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="{process}" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
                <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask />
                  <zeebe:taskListeners><zeebe:taskListener eventType="completing" type="{process}.check" /></zeebe:taskListeners></bpmn:extensionElements></bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var key = await Nodes.CreateAsync(nodes.A, process);
        var task = Assert.Single(await Nodes.SearchAsync(nodes.A, "user-tasks", new { processInstanceKey = key }))!["userTaskKey"]!.GetValue<string>();

        var completing = nodes.A.PostAsJsonAsync($"/v2/user-tasks/{task}/completion", new { variables = new { done = true } });
        var job = Assert.Single(await Nodes.ActivateAsync(nodes.B, process + ".check", 1, requestTimeout: 30_000));
        await ApiAssert.NoContent(await nodes.B.PostAsJsonAsync($"/v2/jobs/{job}/completion", new { result = new { denied = true, deniedReason = "not yet" } }));

        Assert.Contains("Reason to deny: 'not yet'", await ApiAssert.Problem(await completing, 409, "INVALID_STATE"), StringComparison.Ordinal);
        Assert.Equal("ACTIVE", await Nodes.StateAsync(nodes.A, key));
    }

    [PostgresFact]
    public async Task A_message_start_published_to_both_nodes_at_once_starts_one_instance()
    {
        var before = (await Nodes.SearchAsync(nodes.A, "process-instances", new { processDefinitionId = "cluster-message-start" }, 1000)).Count;
        var correlationKey = Nodes.Unique("order");

        var published = await Task.WhenAll(
            nodes.A.PostAsJsonAsync("/v2/messages/publication", new { name = "cluster.start", correlationKey }),
            nodes.B.PostAsJsonAsync("/v2/messages/publication", new { name = "cluster.start", correlationKey }));

        foreach (var response in published)
        {
            await ApiAssert.OkJson(response);
        }

        var after = await Nodes.SearchAsync(nodes.B, "process-instances", new { processDefinitionId = "cluster-message-start" }, 1000);
        Assert.Equal(before + 1, after.Count);
    }

    [PostgresFact]
    public async Task A_buffered_message_correlates_with_an_instance_created_later_on_the_other_node()
    {
        var orderId = Nodes.Unique("order");
        await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync("/v2/messages/publication",
            new { name = "cluster.ping", correlationKey = orderId, timeToLive = 600_000, variables = new { pinged = true } }));

        var key = await Nodes.CreateAsync(nodes.B, "cluster-catch", new { orderId });

        Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.A, key));
    }

    [PostgresFact]
    public async Task A_buffered_message_another_node_correlated_meanwhile_keeps_both_correlations()
    {
        var orderId = Nodes.Unique("order");
        var message = long.Parse((await ApiAssert.OkJson(await nodes.A.PostAsJsonAsync("/v2/messages/publication",
            new { name = "cluster.ping", correlationKey = orderId, timeToLive = 600_000 })))["messageKey"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        // Another node correlating the message with an instance of its own, in the middle of its commit.
        var elsewhere = (901L << 51) + 7;
        await using var connection = new Npgsql.NpgsqlConnection(nodes.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var correlate = new Npgsql.NpgsqlCommand(
            "UPDATE messages SET \"CorrelatedInstances\" = @instances, \"Revision\" = \"Revision\" + 1 WHERE \"Key\" = @message", connection, transaction))
        {
            correlate.Parameters.AddWithValue("instances", $"[{elsewhere}]");
            correlate.Parameters.AddWithValue("message", message);
            Assert.Equal(1, await correlate.ExecuteNonQueryAsync());
        }

        // This node's instance takes the message too, and its commit reaches for the message's row.
        var created = Nodes.CreateAsync(nodes.A, "cluster-catch", new { orderId });
        await WaitForLockWaitAsync(connection.Database);
        Assert.False(created.IsCompleted);
        await transaction.CommitAsync();

        // Its update found the row changed and was left out; run again on the row read again, it keeps the other correlation.
        var key = await created;
        Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.B, key));
        await using var read = new Npgsql.NpgsqlCommand("SELECT \"CorrelatedInstances\" FROM messages WHERE \"Key\" = @message", connection);
        read.Parameters.AddWithValue("message", message);
        var correlated = System.Text.Json.JsonSerializer.Deserialize<long[]>((string)(await read.ExecuteScalarAsync())!)!;
        Assert.Equal(new[] { elsewhere, long.Parse(key, System.Globalization.CultureInfo.InvariantCulture) }.Order(), correlated.Order());
    }

    [PostgresFact]
    public async Task A_timer_start_event_both_nodes_see_due_starts_one_instance()
    {
        var process = Nodes.Unique("timer-start");
        var due = nodes.Now.AddMinutes(30).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        await Nodes.DeployAsync(nodes.A, process + ".bpmn", $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <bpmn:process id="{process}" isExecutable="true">
                <bpmn:startEvent id="start"><bpmn:timerEventDefinition><bpmn:timeDate>{due}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="f" sourceRef="start" targetRef="end" /><bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """);

        // Both nodes' timer loops see the start timer due when the cluster's clock passes it; one start may be written.
        await nodes.MoveClockAsync(TimeSpan.FromHours(1));
        Assert.True(await Poll.Until(async () =>
            (await Nodes.SearchAsync(nodes.A, "process-instances", new { processDefinitionId = process })).Count > 0), "the timer start event did not fire");
        await nodes.MoveClockAsync(TimeSpan.FromMinutes(1));

        Assert.Single(await Nodes.SearchAsync(nodes.B, "process-instances", new { processDefinitionId = process }));
    }

    [PostgresFact]
    public async Task A_timer_created_on_one_node_fires_once_when_the_cluster_clock_passes_it()
    {
        var key = await Nodes.CreateAsync(nodes.B, "cluster-timer");

        await nodes.MoveClockAsync(TimeSpan.FromHours(2));

        var jobs = new List<string>();
        Assert.True(await Poll.Until(async () =>
        {
            jobs.AddRange(await Nodes.ActivateAsync(nodes.B, "cluster.after-timer", 10));
            return jobs.Count > 0;
        }), "the timer did not fire");
        var waits = await Nodes.SearchAsync(nodes.A, "element-instances", new { processInstanceKey = key, elementId = "wait" });
        Assert.Equal("COMPLETED", Assert.Single(waits)!["state"]!.GetValue<string>());
        var afterTimer = await Nodes.SearchAsync(nodes.A, "element-instances", new { processInstanceKey = key, elementId = "afterTimer" });
        Assert.Single(afterTimer);
    }

    [PostgresFact]
    public async Task A_signal_broadcast_on_one_node_reaches_the_instances_of_both_in_one_go()
    {
        var instances = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            instances.Add(await Nodes.CreateAsync(i % 2 == 0 ? nodes.A : nodes.B, "cluster-signal"));
        }

        await ApiAssert.OkJson(await nodes.B.PostAsJsonAsync("/v2/signals/broadcast", new { signalName = "cluster.go" }));

        foreach (var key in instances)
        {
            Assert.Equal("COMPLETED", await Nodes.StateAsync(nodes.A, key));
        }
    }

    [PostgresFact]
    public async Task An_instance_started_on_one_node_is_canceled_on_the_other()
    {
        var process = Nodes.Unique("cancel");
        await Nodes.DeployAsync(nodes.B, process + ".bpmn", Nodes.JobModel(process, process));
        var key = await Nodes.CreateAsync(nodes.A, process);

        await ApiAssert.NoContent(await nodes.B.PostAsJsonAsync($"/v2/process-instances/{key}/cancellation", new { }));

        Assert.Equal("TERMINATED", await Nodes.StateAsync(nodes.A, key));
        Assert.Empty(await Nodes.ActivateAsync(nodes.A, process, 10));
    }

    [PostgresFact]
    public async Task Webhook_deliveries_to_both_nodes_are_each_published_once()
    {
        var before = (await Nodes.SearchAsync(nodes.A, "process-instances", new { processDefinitionId = "cluster-hook" }, 1000)).Count;
        var run = Nodes.Unique("run");
        var time = nodes.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var accepted = await Task.WhenAll(Enumerable.Range(0, 20).Select(n =>
        {
            var body = $$"""{"n": {{n}}}""";
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/cluster/hook") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Timestamp", time);
            request.Headers.Add("X-Signature", Webhooks.WebhookServer.Sign(TwoNodes.HookSecret, time, body));
            request.Headers.Add("X-Delivery-Id", $"{run}-{n}");
            return (n % 2 == 0 ? nodes.A : nodes.B).SendAsync(request);
        }));

        Assert.All(accepted, response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        var started = new System.Text.Json.Nodes.JsonArray();
        Assert.True(await Poll.Until(async () =>
            (started = await Nodes.SearchAsync(nodes.B, "process-instances", new { processDefinitionId = "cluster-hook" }, 1000)).Count >= before + 20),
            "the deliveries were not all published");
        var values = (await Nodes.SearchAsync(nodes.A, "variables", new { name = "n" }, 1000)).Select(v => v!["value"]!.GetValue<string>()).ToList();
        Assert.Equal(before + 20, started.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), values.Distinct().Order());
        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [PostgresFact]
    public async Task Both_nodes_sweep_service_levels_and_each_breach_is_recorded_once()
    {
        var instances = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            instances.Add(await Nodes.CreateAsync(i % 2 == 0 ? nodes.A : nodes.B, "cluster-sla"));
        }

        await nodes.MoveClockAsync(TimeSpan.FromHours(3));

        foreach (var key in instances)
        {
            var breaches = new System.Text.Json.Nodes.JsonArray();
            Assert.True(await Poll.Until(async () =>
            {
                var found = await ApiAssert.OkJson(await nodes.B.PostAsJsonAsync("/api/sla/events/search",
                    new { filter = new { processInstanceKey = key, subjectType = "USER_TASK", @event = "BREACHED" } }));
                breaches = found["items"]!.AsArray();
                return breaches.Count > 0;
            }), $"no breach was recorded for instance {key}");
            Assert.Single(breaches);
        }
    }
}
