using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// Drives one order through the whole API as Camunda clients do: deploy, start, job worker, message,
/// user task with its form, BPMN error, incident and resolution, timer fired by moving the clock.
/// </summary>
public sealed class ProcessFlowTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Deploy_returns_versions_and_keys_and_an_unchanged_redeployment_keeps_them()
    {
        var first = await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var again = await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");

        var process = first["deployments"]![0]!["processDefinition"]!;
        Assert.Equal("order-flow", process["processDefinitionId"]!.GetValue<string>());
        Assert.Equal("order-flow.bpmn", process["resourceName"]!.GetValue<string>());
        Assert.Matches("^[0-9]+$", process["processDefinitionKey"]!.GetValue<string>());
        Assert.Equal("approve-form", first["deployments"]![1]!["form"]!["formId"]!.GetValue<string>());
        Assert.Equal(process["processDefinitionKey"]!.GetValue<string>(), again["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>());
        Assert.Equal(process["processDefinitionVersion"]!.GetValue<int>(), again["deployments"]![0]!["processDefinition"]!["processDefinitionVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task Process_definitions_are_searched_fetched_and_their_xml_is_text_xml()
    {
        var deployed = await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var key = deployed["deployments"]![0]!["processDefinition"]!["processDefinitionKey"]!.GetValue<string>();

        var items = await server.SearchAsync("process-definitions", new { processDefinitionId = "order-flow" });
        var one = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-definitions/{key}"));
        var xml = await server.Client.GetAsync($"/v2/process-definitions/{key}/xml");

        Assert.Single(items);
        Assert.Equal("Order flow", one["name"]!.GetValue<string>());
        Assert.Equal("text/xml", xml.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<bpmn:process id=\"order-flow\"", await xml.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await ApiAssert.Problem(await server.Client.GetAsync("/v2/process-definitions/1"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task An_order_runs_through_worker_message_task_form_and_timer()
    {
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var instance = await server.StartAsync("order-flow", new { orderId = "A-100", amount = 250 });

        // A worker takes the job, with the instance's variables and the task headers.
        var job = One(await server.ActivateAsync("order.check"));
        Assert.Equal(instance, job["processInstanceKey"]!.GetValue<string>());
        Assert.Equal("A-100", job["variables"]!["orderId"]!.GetValue<string>());
        Assert.Equal("web", job["customHeaders"]!["channel"]!.GetValue<string>());
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", new { variables = new { checkedOk = true } }));

        // The payment message correlates by orderId.
        var published = await server.PostOkAsync("/v2/messages/publication", new { name = "payment", correlationKey = "A-100", variables = new { paid = 250 } });
        Assert.Matches("^[0-9]+$", published["messageKey"]!.GetValue<string>());

        // The agent's task, with its form.
        var task = One(await server.SearchAsync("user-tasks", new { processInstanceKey = instance, state = "CREATED" }));
        var taskKey = task["userTaskKey"]!.GetValue<string>();
        Assert.Equal(["agents"], task["candidateGroups"]!.AsArray().Select(g => g!.GetValue<string>()));
        var form = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{taskKey}/form"));
        Assert.Equal("approve-form", JsonNode.Parse(form["schema"]!.GetValue<string>())!["id"]!.GetValue<string>());
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{taskKey}/assignment", new { assignee = "alice" }));
        Assert.Equal("alice", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/user-tasks/{taskKey}")))["assignee"]!.GetValue<string>());
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{taskKey}/completion", new { variables = new { approved = true } }));

        // Shipping, then the one-hour wait fires when the clock moves past it.
        var ship = One(await server.ActivateAsync("order.ship"));
        Assert.True(ship["variables"]!["approved"]!.GetValue<bool>());
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{ship["jobKey"]}/completion", null));
        var waiting = One(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "wait", state = "ACTIVE" }));
        Assert.Equal("INTERMEDIATE_CATCH_EVENT", waiting["type"]!.GetValue<string>());
        var clock = await server.Client.PutAsJsonAsync("/v2/clock", new { timestamp = DateTimeOffset.UtcNow.AddHours(2).ToUnixTimeMilliseconds() });
        await ApiAssert.NoContent(clock);
        try
        {
            var completed = await Eventually(async () =>
                (await server.SearchAsync("process-instances", new { processInstanceKey = instance, state = "COMPLETED" })).Count == 1);
            Assert.True(completed, "the timer did not fire after the clock moved two hours on");
        }
        finally
        {
            await ApiAssert.NoContent(await server.PostAsync("/v2/clock/reset", null));
        }

        var variables = await server.SearchAsync("variables", new { processInstanceKey = instance });
        Assert.Contains(variables, v => v!["name"]!.GetValue<string>() == "paid" && v["value"]!.GetValue<string>() == "250");
        var variable = variables.First(v => v!["name"]!.GetValue<string>() == "approved")!;
        var fetched = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/variables/{variable["variableKey"]}"));
        Assert.Equal("true", fetched["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_job_without_retries_raises_an_incident_that_resolution_clears()
    {
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var instance = await server.StartAsync("order-flow", new { orderId = "A-200" });
        var job = One(await server.ActivateAsync("order.check"));
        var jobKey = job["jobKey"]!.GetValue<string>();

        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{jobKey}/failure", new { retries = 0, errorMessage = "carrier down" }));
        var incident = One(await server.SearchAsync("incidents", new { processInstanceKey = instance }));
        var incidentKey = incident["incidentKey"]!.GetValue<string>();
        Assert.Equal("JOB_NO_RETRIES", incident["errorType"]!.GetValue<string>());
        Assert.Equal("ACTIVE", incident["state"]!.GetValue<string>());
        Assert.Equal(jobKey, incident["jobKey"]!.GetValue<string>());
        Assert.True((await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["hasIncident"]!.GetValue<bool>());

        var patch = await server.Client.PatchAsJsonAsync($"/v2/jobs/{jobKey}", new { changeset = new { retries = 1 } });
        await ApiAssert.NoContent(patch);
        await ApiAssert.NoContent(await server.PostAsync($"/v2/incidents/{incidentKey}/resolution", null));

        Assert.Equal("RESOLVED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/incidents/{incidentKey}")))["state"]!.GetValue<string>());
        var again = One(await server.ActivateAsync("order.check"));
        Assert.Equal(jobKey, again["jobKey"]!.GetValue<string>());
        Assert.Equal(1, again["retries"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_BPMN_error_from_a_worker_is_caught_by_the_boundary_event()
    {
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var instance = await server.StartAsync("order-flow", new { orderId = "A-300" });
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{(await server.ActivateAsync("order.check"))[0]!["jobKey"]}/completion", null));
        await server.PostOkAsync("/v2/messages/publication", new { name = "payment", correlationKey = "A-300" });
        var task = One(await server.SearchAsync("user-tasks", new { processInstanceKey = instance }));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", null));
        var ship = One(await server.ActivateAsync("order.ship"));

        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{ship["jobKey"]}/error", new { errorCode = "NO_STOCK", errorMessage = "sold out" }));

        var ended = One(await server.SearchAsync("process-instances", new { processInstanceKey = instance }));
        Assert.Equal("COMPLETED", ended["state"]!.GetValue<string>());
        One(await server.SearchAsync("element-instances", new { processInstanceKey = instance, elementId = "backorder" }));
    }

    [Fact]
    public async Task Await_completion_returns_the_fetched_variables()
    {
        await server.DeployAsync("Api/straight-through.bpmn");

        var created = await server.PostOkAsync("/v2/process-instances", new
        {
            processDefinitionId = "straight-through", variables = new { amount = 21 }, awaitCompletion = true, fetchVariables = Doubled,
        });

        Assert.Equal(42, created["variables"]!["doubled"]!.GetValue<int>());
        Assert.Null(created["variables"]!["amount"]);
    }

    [Fact]
    public async Task Cancellation_terminates_the_instance()
    {
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var instance = await server.StartAsync("order-flow", new { orderId = "A-400" });

        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", new { }));

        Assert.Equal("TERMINATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>());
        await ApiAssert.Problem(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", null), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task Cancelling_a_called_instance_is_a_409_that_names_the_root_instance_and_changes_nothing()
    {
        await server.DeployXmlAsync("claim-called.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="claim-defs" targetNamespace="http://bpmn.io/schema/bpmn">
              <bpmn:process id="claim-caller" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
                <bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="claim-called" /></bpmn:extensionElements></bpmn:callActivity>
              </bpmn:process>
              <bpmn:process id="claim-called" isExecutable="true">
                <bpmn:startEvent id="cs" />
                <bpmn:sequenceFlow id="c1" sourceRef="cs" targetRef="work" />
                <bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="claim.work" /></bpmn:extensionElements></bpmn:serviceTask>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var caller = await server.StartAsync("claim-caller");
        var called = One(await server.SearchAsync("process-instances", new { parentProcessInstanceKey = caller }))["processInstanceKey"]!.GetValue<string>();

        var detail = await ApiAssert.Problem(await server.PostAsync($"/v2/process-instances/{called}/cancellation", null), 409, "INVALID_STATE");

        Assert.Contains($"cancel its root process instance {caller} instead", detail, StringComparison.Ordinal);
        Assert.Equal("ACTIVE", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{called}")))["state"]!.GetValue<string>());
        Assert.Equal("ACTIVE", One(await server.SearchAsync("element-instances", new { processInstanceKey = called, elementId = "work" }))["state"]!.GetValue<string>());
        await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{caller}/cancellation", null));
        foreach (var key in new[] { caller, called })
        {
            Assert.Equal("TERMINATED", (await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/process-instances/{key}")))["state"]!.GetValue<string>());
        }
    }

    private static readonly string[] Doubled = ["doubled"];

    private static JsonNode One(JsonArray items) => Assert.Single(items)!;

    private static async Task<bool> Eventually(Func<Task<bool>> condition)
    {
        // Waits for the server's own timer loop to pick up a clock change; the test never sleeps for the timer's duration.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
