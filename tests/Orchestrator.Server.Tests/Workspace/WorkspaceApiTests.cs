using System.Net;
using System.Net.Http.Json;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Workspace;

/// <summary>
/// The agent workspace's routes: task rows with their case facts and SLA, a case's customer and other cases, internal notes
/// and reply templates — each for the tasks and cases the caller may see and 404 for the others, bad input 400.
/// </summary>
public sealed class WorkspaceApiTests(WorkspaceFixture server) : IClassFixture<WorkspaceFixture>
{
    private static readonly string[] NotAKey = ["not-a-key"];

    private static string Model(string id, string group) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d-{id}" targetNamespace="x">
          <bpmn:process id="{id}" name="Case of {group}" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <bpmn:userTask id="handle" name="Handle the case">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:assignmentDefinition candidateGroups="{group}" />
                <zeebe:taskSchedule dueDate="=now() + duration(&quot;PT4H&quot;)" />
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<(string Instance, string Task)> CaseAsync(string process, string group, object variables)
    {
        var admin = As("admin");
        await admin.DeployXmlAsync(process + ".bpmn", Model(process, group));
        var instance = await admin.StartAsync(process, variables);
        var task = Assert.Single(await admin.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["userTaskKey"]!.GetValue<string>();
        return (instance, task);
    }

    private ApiClient As(string user) => new(server.ClientAs(user, WorkspaceFixture.Password));

    /// <summary>Pins the server's clock (as admin: this server requires sign-in).</summary>
    private async Task PinAsync(DateTimeOffset at) =>
        await ApiAssert.NoContent(await As("admin").Http.PutAsJsonAsync("/v2/clock", new { timestamp = at.ToUnixTimeMilliseconds() }));

    [Fact]
    public async Task Rows_carry_each_visible_tasks_case_facts_and_sla_and_leave_out_the_others()
    {
        var start = DateTimeOffset.Parse("2031-03-02T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await PinAsync(start);
        try
        {
            var mine = await CaseAsync("ws-rows", "agents", new
            {
                complaintId = "CMP-ROWS-1", customerId = "C-ROWS", address = new { name = "Zhang San" }, subject = "Kettle leaks", channel = "email", language = "zh-CN",
            });
            var theirs = await CaseAsync("ws-rows-finance", "finance", new { complaintId = "CMP-ROWS-2", customerId = "C-ROWS" });
            await PinAsync(start.AddHours(3));

            var alice = As("alice");
            var rows = (await alice.PostOkAsync("/api/user-tasks/rows", new { userTaskKeys = new[] { mine.Task, theirs.Task } }))["items"]!.AsArray();

            var row = Assert.Single(rows)!;
            Assert.Equal(mine.Task, row["userTaskKey"]!.GetValue<string>());
            Assert.Equal(mine.Instance, row["processInstanceKey"]!.GetValue<string>());
            Assert.Equal("CMP-ROWS-1", row["businessKey"]!.GetValue<string>());
            Assert.Equal("C-ROWS", row["customerId"]!.GetValue<string>());
            Assert.Equal("Zhang San", row["customerName"]!.GetValue<string>());
            Assert.Equal("Kettle leaks", row["subject"]!.GetValue<string>());
            Assert.Equal("email", row["channel"]!.GetValue<string>());
            Assert.Equal("zh-CN", row["language"]!.GetValue<string>());
            var sla = row["sla"]!;
            Assert.Equal(240, sla["minutesAllowed"]!.GetValue<long>());
            Assert.Equal(60, sla["minutesLeft"]!.GetValue<long>());
            Assert.False(string.IsNullOrEmpty(sla["timeZone"]!.GetValue<string>()));

            var admin = (await As("admin").PostOkAsync("/api/user-tasks/rows", new { userTaskKeys = new[] { mine.Task, theirs.Task } }))["items"]!.AsArray();
            Assert.Equal(2, admin.Count);
        }
        finally
        {
            await ApiAssert.NoContent(await As("admin").PostAsync("/v2/clock/reset", null));
        }
    }

    [Fact]
    public async Task Rows_refuse_bad_input()
    {
        var alice = As("alice");
        await ApiAssert.Problem(await alice.PostAsync("/api/user-tasks/rows", new { }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await alice.PostAsync("/api/user-tasks/rows", new { userTaskKeys = NotAKey }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await alice.PostAsync("/api/user-tasks/rows", new { userTaskKeys = Enumerable.Range(1, 1001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)) }), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Notes_are_read_and_written_by_whoever_may_see_the_case_and_by_no_one_else()
    {
        var (instance, _) = await CaseAsync("ws-notes", "agents", new { complaintId = "CMP-NOTES-1" });
        var alice = As("alice");
        var carol = As("carol");

        var created = await alice.Http.PostAsJsonAsync($"/api/process-instances/{instance}/notes", new { text = "  Customer called twice; prefers a call back.  " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await As("admin").Http.PostAsJsonAsync($"/api/process-instances/{instance}/notes", new { text = "Checked the order." })).StatusCode);

        await ApiAssert.Problem(await carol.Http.GetAsync($"/api/process-instances/{instance}/notes"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await carol.Http.PostAsJsonAsync($"/api/process-instances/{instance}/notes", new { text = "sneaky" }), 404, "NOT_FOUND");

        var read = (await ApiAssert.OkJson(await alice.Http.GetAsync($"/api/process-instances/{instance}/notes")))["items"]!.AsArray();
        Assert.Equal(["Customer called twice; prefers a call back.", "Checked the order."], read.Select(n => n!["text"]!.GetValue<string>()));
        Assert.Equal(["alice", "admin"], read.Select(n => n!["author"]!.GetValue<string>()));
        Assert.All(read, n => Assert.NotNull(n!["createdAt"]));

        await ApiAssert.Problem(await alice.Http.PostAsJsonAsync($"/api/process-instances/{instance}/notes", new { text = "   " }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await alice.Http.PostAsJsonAsync($"/api/process-instances/{instance}/notes", new { }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await alice.Http.PostAsJsonAsync($"/api/process-instances/{instance}/notes", new { text = new string('x', 4001) }), 400, "INVALID_ARGUMENT");
        await ApiAssert.Problem(await alice.Http.GetAsync("/api/process-instances/not-a-key/notes"), 400, "INVALID_ARGUMENT");
        Assert.Equal(2, (await ApiAssert.OkJson(await alice.Http.GetAsync($"/api/process-instances/{instance}/notes")))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_customer_comes_from_the_customers_api_with_their_other_cases_the_caller_may_open_and_how_many_others_there_are()
    {
        var (instance, _) = await CaseAsync("ws-customer", "agents", new { complaintId = "CMP-CUST-1", customerId = WorkspaceFixture.KnownCustomer });
        var (own, _) = await CaseAsync("ws-customer", "agents", new { orderId = "ORD-CUST-2", customerId = WorkspaceFixture.KnownCustomer });
        var (finance, _) = await CaseAsync("ws-customer-finance", "finance", new { complaintId = "CMP-CUST-3", customerId = WorkspaceFixture.KnownCustomer });
        await CaseAsync("ws-customer", "agents", new { complaintId = "CMP-CUST-4", customerId = "C-SOMEONE-ELSE" });

        var customer = await ApiAssert.OkJson(await As("alice").Http.GetAsync($"/api/process-instances/{instance}/customer"));

        Assert.Equal(WorkspaceFixture.KnownCustomer, customer["customerId"]!.GetValue<string>());
        Assert.Equal("Li Wei", customer["name"]!.GetValue<string>());
        Assert.Equal("VIP", customer["record"]!["tier"]!.GetValue<string>());
        // The finance team's case is not named to alice (it is a 404 for her everywhere): only counted.
        var others = customer["otherCases"]!.AsArray();
        Assert.Equal([own], others.Select(c => c!["processInstanceKey"]!.GetValue<string>()));
        Assert.Equal(["ORD-CUST-2"], others.Select(c => c!["businessKey"]!.GetValue<string>()));
        Assert.Equal("ACTIVE", others[0]!["state"]!.GetValue<string>());
        Assert.Equal(1, customer["hiddenCases"]!.GetValue<int>());
        Assert.DoesNotContain(finance, customer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("CMP-CUST-3", customer.ToJsonString(), StringComparison.Ordinal);
        var all = await ApiAssert.OkJson(await As("admin").Http.GetAsync($"/api/process-instances/{instance}/customer"));
        Assert.Equal([finance, own], all["otherCases"]!.AsArray().Select(c => c!["processInstanceKey"]!.GetValue<string>()));
        Assert.Equal(0, all["hiddenCases"]!.GetValue<int>());

        await ApiAssert.Problem(await As("carol").Http.GetAsync($"/api/process-instances/{instance}/customer"), 404, "NOT_FOUND");
        var unknown = (await CaseAsync("ws-customer", "agents", new { customerId = "C-UNKNOWN" })).Instance;
        var partial = await ApiAssert.OkJson(await As("alice").Http.GetAsync($"/api/process-instances/{unknown}/customer"));
        Assert.Null(partial["record"]);
        Assert.Equal("C-UNKNOWN", partial["customerId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reply_templates_are_listed_in_the_cases_language_and_rendered_with_its_variables()
    {
        var (instance, _) = await CaseAsync("ws-reply", "agents", new { complaintId = "CMP-REPLY-1", customerId = "C-REPLY", language = "zh-CN", status = "in progress" });
        var alice = As("alice");

        var list = await ApiAssert.OkJson(await alice.Http.GetAsync($"/api/process-instances/{instance}/reply-templates"));
        Assert.Equal("zh-CN", list["language"]!.GetValue<string>());
        var update = list["items"]!.AsArray().Single(t => t!["template"]!.GetValue<string>() == "complaint-update")!;
        Assert.Equal("zh-CN", update["language"]!.GetValue<string>());

        var reply = await ApiAssert.OkJson(await alice.Http.GetAsync($"/api/process-instances/{instance}/reply-templates/complaint-update"));
        Assert.Equal("您的投诉 CMP-REPLY-1 有新进展", reply["subject"]!.GetValue<string>());
        Assert.Contains("状态：in progress", reply["body"]!.GetValue<string>(), StringComparison.Ordinal);

        await ApiAssert.Problem(await alice.Http.GetAsync($"/api/process-instances/{instance}/reply-templates/no-such-template"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await As("carol").Http.GetAsync($"/api/process-instances/{instance}/reply-templates"), 404, "NOT_FOUND");
        await ApiAssert.Problem(await As("carol").Http.GetAsync($"/api/process-instances/{instance}/reply-templates/complaint-update"), 404, "NOT_FOUND");
    }
}
