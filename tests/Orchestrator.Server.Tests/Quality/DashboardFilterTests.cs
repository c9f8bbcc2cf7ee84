using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Quality;

/// <summary>
/// The dashboard's and the reports' period, process, group and channel filters, through the HTTP API with a pinned clock:
/// three cases whose figures under each filter are worked out by hand below, and the problems for bad filter values.
/// </summary>
public sealed class DashboardFilterTests(QualityServer server) : IClassFixture<QualityServer>
{
    private const string Process = "filter-case";

    private const string Case = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="filter-case" isExecutable="true">
            <bpmn:extensionElements><zeebe:properties><zeebe:property name="tracking.caseType" value="complaint" /></zeebe:properties></bpmn:extensionElements>
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="answer" />
            <bpmn:userTask id="answer" name="Answer">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:assignmentDefinition candidateGroups="agents" />
                <zeebe:taskSchedule dueDate="=add working time(now(), duration(&quot;PT4H&quot;), &quot;always&quot;)" />
                <zeebe:properties><zeebe:property name="tier" value="1" /></zeebe:properties>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="escalated" />
            <bpmn:exclusiveGateway id="escalated" default="f4" />
            <bpmn:sequenceFlow id="f3" sourceRef="escalated" targetRef="specialist"><bpmn:conditionExpression>=escalate = true</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="f4" sourceRef="escalated" targetRef="done" />
            <bpmn:userTask id="specialist" name="Specialist">
              <bpmn:extensionElements>
                <zeebe:userTask />
                <zeebe:assignmentDefinition candidateGroups="specialists" />
                <zeebe:taskSchedule dueDate="=add working time(now(), duration(&quot;PT4H&quot;), &quot;always&quot;)" />
                <zeebe:properties><zeebe:property name="tier" value="2" /></zeebe:properties>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f5" sourceRef="specialist" targetRef="done" />
            <bpmn:endEvent id="done" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string Review = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="r" targetNamespace="x">
          <bpmn:process id="quality-review" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition candidateGroups="qa-reviewers" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task Period_process_group_and_channel_narrow_every_figure_as_worked_out_by_hand()
    {
        var t = new DateTimeOffset(2032, 5, 3, 0, 0, 0, TimeSpan.Zero);
        await server.RunAtAsync(t, async () =>
        {
            await server.DeployXmlAsync("filter-case.bpmn", Case);
            await server.DeployXmlAsync("quality-review.bpmn", Review);

            // A (web): alice answers within 40 min, within its SLA, at the first contact. B (phone): bob answers after 30 min and
            // escalates; carol finishes the specialist task at 6 h, past its 4 h (due 4 h 30 min). C (web) starts two days later
            // and waits for an agent.
            var a = await server.StartAsync(Process, new { channel = "web", orderId = "F-1" });
            var b = await server.StartAsync(Process, new { channel = "phone", orderId = "F-2" });
            await Work(t, a, "answer", "alice", 10, 40);
            await Work(t, b, "answer", "bob", 20, 30, new { escalate = true });
            await Work(t, b, "specialist", "carol", 120, 360);
            await server.PinAsync(t.AddDays(2));
            await server.StartAsync(Process, new { channel = "web", orderId = "F-3" });
            await server.PinAsync(t.AddDays(2).AddHours(1));

            var day = $"processDefinitionId={Process}&from={Iso(t)}&to={Iso(t.AddDays(1))}";
            var all = await Report($"/api/dashboard?{day}", d => d["firstContact"]!["resolvedCases"]!.GetValue<int>() == 2 && Figures(d)?["slaBreached"]!.GetValue<int>() == 1);
            Assert.Equal((0, 2, 2, 1, 66.7), Sla(all));
            Assert.Equal((50.0, 2, 1), FirstContact(all));
            Assert.Empty(all["backlog"]!.AsArray());
            Assert.Equal(b, Assert.Single(all["breaches"]!.AsArray())!["processInstanceKey"]!.GetValue<string>());
            Assert.Equal(t, all["from"]!.GetValue<DateTimeOffset>());
            Assert.Equal(1, all["tiers"]!["tier2"]!["slaBreached"]!.GetValue<int>());

            var web = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/dashboard?{day}&channel=web"));
            Assert.Equal((0, 1, 1, 0, 100.0), Sla(web));
            Assert.Equal((100.0, 1, 1), FirstContact(web));
            Assert.Empty(web["breaches"]!.AsArray());

            var specialists = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/dashboard?{day}&group=specialists"));
            Assert.Equal((0, 1, 0, 1, 0.0), Sla(specialists));
            Assert.Equal((0.0, 1, 0), FirstContact(specialists));
            Assert.Equal(240.0, Figures(specialists)!["averageHandlingMinutes"]!.GetValue<double>());

            // All time: C is open and its task waits in the agents' queue; the third day alone holds only C.
            var allTime = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/dashboard?processDefinitionId={Process}"));
            Assert.Equal((1, 2), (Figures(allTime)!["open"]!.GetValue<int>(), Figures(allTime)!["closed"]!.GetValue<int>()));
            Assert.Null(allTime["from"]);
            var third = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/dashboard?processDefinitionId={Process}&from={Iso(t.AddDays(2))}&to={Iso(t.AddDays(3))}"));
            Assert.Equal((1, 0, 0, 0), (Figures(third)!["open"]!.GetValue<int>(), Figures(third)!["closed"]!.GetValue<int>(),
                Figures(third)!["slaMet"]!.GetValue<int>(), Figures(third)!["slaBreached"]!.GetValue<int>()));
            var queue = Assert.Single(third["backlog"]!.AsArray())!;
            Assert.Equal(("agents", 1, 60.0), (queue["group"]!.GetValue<string>(), queue["open"]!.GetValue<int>(), queue["oldestMinutes"]!.GetValue<double>()));
            var email = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/dashboard?{day}&channel=email"));
            Assert.Empty(email["processes"]!.AsArray());
            Assert.Null(email["firstContact"]!["percent"]);

            // The reports take the same filters: B alone came by phone (bob's and carol's tasks); A alone opened by web on the first day.
            var kpis = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/kpis?{day}&by=agent&channel=phone"));
            Assert.Equal(["bob", "carol"], kpis["rows"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()));
            Assert.Equal((1, 2, 1), (kpis["totals"]!["cases"]!.GetValue<int>(), kpis["totals"]!["tasksCompleted"]!.GetValue<int>(), kpis["totals"]!["slaBreached"]!.GetValue<int>()));
            var byGroup = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/kpis?{day}&by=group&group=agents"));
            Assert.Equal((2, 2, 0), (byGroup["totals"]!["cases"]!.GetValue<int>(), byGroup["totals"]!["tasksCompleted"]!.GetValue<int>(), byGroup["totals"]!["slaBreached"]!.GetValue<int>()));
            var voc = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/voc/report?{day}&by=reason&channel=web"));
            Assert.Equal(1, voc["total"]!.GetValue<int>());
        });
    }

    [Fact]
    public async Task Bug_the_dashboard_named_the_sla_breaches_of_cases_the_agent_may_not_open()
    {
        // A specialists' task breaches its SLA; alice (agents) may not open its case, carol (specialists) may.
        var t = new DateTimeOffset(2033, 3, 7, 0, 0, 0, TimeSpan.Zero);
        await server.RunAtAsync(t, async () =>
        {
            // The filter case with its first task offered to the specialists too.
            await server.DeployXmlAsync("breach-case.bpmn", Case.Replace(Process, "breach-case", StringComparison.Ordinal)
                .Replace("candidateGroups=\"agents\"", "candidateGroups=\"specialists\"", StringComparison.Ordinal));
            var instance = await server.StartAsync("breach-case", new { channel = "web", orderId = "B-1" });
            await server.PinAsync(t.AddHours(5));
            var window = $"from={Uri.EscapeDataString(t.ToString("O"))}&to={Uri.EscapeDataString(t.AddDays(1).ToString("O"))}";
            string[] Breached(JsonNode dashboard) => [.. dashboard["breaches"]!.AsArray().Select(e => e!["processInstanceKey"]!.GetValue<string>())];
            Assert.True(await Poll.Until(async () => Breached(await ApiAssert.OkJson(await server.Client.GetAsync($"/api/dashboard?{window}"))).Contains(instance)),
                "the breach was not recorded");

            using var alice = server.ClientAs("alice", QualityServer.Password);
            var hers = await ApiAssert.OkJson(await alice.GetAsync($"/api/dashboard?{window}"));
            Assert.DoesNotContain(instance, Breached(hers));
            Assert.Equal(1, hers["processes"]!.AsArray().Single(p => p!["processDefinitionId"]!.GetValue<string>() == "breach-case")!["slaBreached"]!.GetValue<int>());
            using var carol = server.ClientAs("carol", QualityServer.Password);
            Assert.Contains(instance, Breached(await ApiAssert.OkJson(await carol.GetAsync($"/api/dashboard?{window}"))));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/process-instances/{instance}/cancellation", null));
        });
    }

    [Theory]
    [InlineData("/api/dashboard?from=yesterday", "from must be an ISO 8601 date")]
    [InlineData("/api/dashboard?to=0001-01-10T00:00:00Z", "to must be in 1970 or later")]
    [InlineData("/api/dashboard?from=2030-02-01&to=2030-01-01", "must be before to")]
    [InlineData("/api/dashboard?processDefinitionId=", "processDefinitionId must not be empty")]
    [InlineData("/api/dashboard?group=a%7Cb", "group: 'a|b' cannot hold '|'")]
    [InlineData("/api/dashboard?channel=%20", "channel must not be empty")]
    [InlineData("/api/kpis?group=", "group must not be empty")]
    [InlineData("/api/voc/report?channel=%01", "channel must be at most 200 printable characters")]
    [InlineData("/api/quality/summary?processDefinitionId=", "processDefinitionId must not be empty")]
    public async Task Bad_filters_get_a_problem_naming_them(string path, string detail)
    {
        Assert.Contains(detail, await ApiAssert.Problem(await server.Client.GetAsync(path), 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
    }

    private static JsonNode? Figures(JsonNode dashboard) =>
        dashboard["processes"]!.AsArray().SingleOrDefault(p => p!["processDefinitionId"]!.GetValue<string>() == Process);

    private static (int Open, int Closed, int Met, int Breached, double Compliance) Sla(JsonNode dashboard)
    {
        var p = Figures(dashboard)!;
        return (p["open"]!.GetValue<int>(), p["closed"]!.GetValue<int>(), p["slaMet"]!.GetValue<int>(), p["slaBreached"]!.GetValue<int>(),
            p["slaCompliancePercent"]!.GetValue<double>());
    }

    private static (double Percent, int Resolved, int FirstContact) FirstContact(JsonNode dashboard)
    {
        var f = dashboard["firstContact"]!;
        return (f["percent"]!.GetValue<double>(), f["resolvedCases"]!.GetValue<int>(), f["firstContactCases"]!.GetValue<int>());
    }

    private async Task Work(DateTimeOffset t, string instance, string element, string agent, int claimAfter, int doneAfter, object? variables = null)
    {
        JsonArray found = [];
        Assert.True(await Poll.Until(async () => (found = await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = element })).Count == 1));
        var task = found[0]!;
        await server.PinAsync(t.AddMinutes(claimAfter));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/assignment", new { assignee = agent }));
        await server.PinAsync(t.AddMinutes(doneAfter));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables = variables ?? new { } }));
    }

    private async Task<JsonNode> Report(string path, Func<JsonNode, bool> ready)
    {
        JsonNode? last = null;
        Assert.True(await Poll.Until(async () => ready(last = await ApiAssert.OkJson(await server.Client.GetAsync(path)))), $"{path} never got there: {last}");
        return last!;
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
}
