using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Orchestrator.Server.Quality;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Quality;

/// <summary>A server that samples nothing at random (only the rules), counts days in UTC and lists every mover.</summary>
public sealed class QualityServer : ServerFixture
{
    public const string Password = "agent-secret";

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Quality:SampleRate"] = "0";
        settings["Voc:ReasonsPath"] = Path.Combine(Repository.Workflows, "voc", "reasons.json");
        settings["Quality:MoverMinimumCount"] = "1";
        settings["Quality:TeamLeads:specialists"] = "lead-li";
        settings["Calendars:always:TimeZone"] = "UTC";
        foreach (var day in Enum.GetNames<DayOfWeek>())
        {
            settings[$"Calendars:always:Hours:{day}"] = "00:00-24:00";
        }

        var hasher = new PasswordHasher<string>();
        settings["Auth:Users:alice:PasswordHash"] = hasher.HashPassword("alice", Password);
        settings["Auth:Users:alice:Groups:0"] = "agents";
        settings["Auth:Users:alice:Roles:0"] = "agent";
        settings["Auth:Users:carol:PasswordHash"] = hasher.HashPassword("carol", Password);
        settings["Auth:Users:carol:Groups:0"] = "specialists";
        settings["Auth:Users:carol:Roles:0"] = "agent";
        return settings;
    }
}

/// <summary>
/// Case and task facts, the KPI, VOC and QA reports and the QA sampling rules, driven through the HTTP API with a pinned
/// clock: three cases whose every figure is worked out by hand below.
/// </summary>
public sealed class QualityReportTests(QualityServer server) : IClassFixture<QualityServer>
{
    private const string Case = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="kpi-case" isExecutable="true">
            <bpmn:extensionElements><zeebe:properties><zeebe:property name="tracking.caseType" value="return" /></zeebe:properties></bpmn:extensionElements>
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

    private static readonly string[] RedLines = ["rude"];

    [Fact]
    public async Task Three_cases_give_the_figures_worked_out_by_hand_and_the_rules_sample_the_late_low_rated_one()
    {
        var t = new DateTimeOffset(2031, 3, 3, 0, 0, 0, TimeSpan.Zero);
        await server.RunAtAsync(t, async () =>
        {
            await server.DeployXmlAsync("kpi-case.bpmn", Case);
            await server.DeployXmlAsync("quality-review.bpmn", Review);

            // A: alice claims after 10 min, answers after 40; rated 5 and 10. B: bob claims after 30 min, answers and escalates
            // after 90; carol claims at 2 h and finishes at 6 h, past the specialist's 4 h; rated 2 and 3. C: the customer of A
            // comes back about the same order at 7 h; alice claims after 10 min and answers after 20; NPS 8, no CSAT.
            var a = await server.StartAsync("kpi-case", new { orderId = "O-1", reasonCode = "logistics/damaged", carrier = "SF", csat = 5, nps = 10 });
            var b = await server.StartAsync("kpi-case", new { orderId = "O-2", reasonCode = "quality/defect", carrier = "SF", csat = 2, nps = 3, refundAmount = 1500 });
            await Work(t, a, "answer", "alice", 10, 40);
            await Work(t, b, "answer", "bob", 30, 90, new { escalate = true });
            await Work(t, b, "specialist", "carol", 120, 360);
            await server.PinAsync(t.AddHours(7));
            var c = await server.StartAsync("kpi-case", new { orderId = "O-1", reasonCode = "logistics/damaged", carrier = "JD", nps = 8 });
            await Work(t, c, "answer", "alice", 430, 440);
            await server.PinAsync(t.AddHours(8));

            var window = $"from={Iso(t)}&to={Iso(t.AddDays(1))}";
            var byAgent = await Report($"/api/kpis?{window}&by=agent", r => r["totals"]!["cases"]!.GetValue<int>() == 3 && r["totals"]!["slaBreached"]!.GetValue<int>() == 1);
            var alice = Row(byAgent, "alice");
            Assert.Equal(2, alice["cases"]!.GetValue<int>());
            Assert.Equal(2, alice["tasksCompleted"]!.GetValue<int>());
            Assert.Equal(10.0, alice["firstResponseMinutes"]!.GetValue<double>());
            Assert.Equal(20.0, alice["handlingMinutes"]!.GetValue<double>());
            Assert.Equal(0.5, alice["resolutionHours"]!.GetValue<double>());
            Assert.Equal(100.0, alice["firstContactResolutionPercent"]!.GetValue<double>());
            Assert.Equal(2, alice["slaMet"]!.GetValue<int>());
            Assert.Equal(50.0, alice["reopenRatePercent"]!.GetValue<double>());
            Assert.Equal(5.0, alice["csatAverage"]!.GetValue<double>());
            Assert.Equal(50.0, alice["nps"]!.GetValue<double>());
            var bob = Row(byAgent, "bob");
            Assert.Equal(0, bob["cases"]!.GetValue<int>());
            Assert.Equal(60.0, bob["handlingMinutes"]!.GetValue<double>());
            Assert.Equal(1, bob["slaMet"]!.GetValue<int>());
            var carol = Row(byAgent, "carol");
            Assert.Equal(240.0, carol["handlingMinutes"]!.GetValue<double>());
            Assert.Equal(30.0, carol["firstResponseMinutes"]!.GetValue<double>());
            Assert.Equal(6.0, carol["resolutionHours"]!.GetValue<double>());
            Assert.Equal(0.0, carol["firstContactResolutionPercent"]!.GetValue<double>());
            Assert.Equal(0.0, carol["slaCompliancePercent"]!.GetValue<double>());
            Assert.Equal(-100.0, carol["nps"]!.GetValue<double>());
            var totals = byAgent["totals"]!;
            Assert.Equal(4, totals["tasksCompleted"]!.GetValue<int>());
            Assert.Equal(16.7, totals["firstResponseMinutes"]!.GetValue<double>());
            Assert.Equal(85.0, totals["handlingMinutes"]!.GetValue<double>());
            Assert.Equal(66.7, totals["firstContactResolutionPercent"]!.GetValue<double>());
            Assert.Equal(75.0, totals["slaCompliancePercent"]!.GetValue<double>());
            Assert.Equal(33.3, totals["reopenRatePercent"]!.GetValue<double>());
            Assert.Equal(3.5, totals["csatAverage"]!.GetValue<double>());
            Assert.Equal(0.0, totals["nps"]!.GetValue<double>());
            Assert.Equal((1, 1, 1), (totals["promoters"]!.GetValue<int>(), totals["passives"]!.GetValue<int>(), totals["detractors"]!.GetValue<int>()));
            // Every completed task's due date counts working time in the "always" calendar, so its handling time does too.
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"calendars":["always"],"elapsedTime":false}"""), byAgent["handlingTime"]));
            var day = Assert.Single(byAgent["trend"]!.AsArray())!;
            Assert.Equal("2031-03-03", day["period"]!.GetValue<string>());
            Assert.Equal(3, day["cases"]!.GetValue<int>());

            var byTier = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/kpis?{window}&by=tier"));
            Assert.Equal(2, Row(byTier, "tier1")["cases"]!.GetValue<int>());
            Assert.Equal(3, Row(byTier, "tier1")["slaMet"]!.GetValue<int>());
            Assert.Equal(1, Row(byTier, "tier2")["cases"]!.GetValue<int>());
            Assert.Equal(1, Row(byTier, "tier2")["slaBreached"]!.GetValue<int>());

            var dashboard = await ApiAssert.OkJson(await server.Client.GetAsync("/api/dashboard"));
            var figures = dashboard["processes"]!.AsArray().Single(p => p!["processDefinitionId"]!.GetValue<string>() == "kpi-case")!;
            Assert.Equal((85.0, 16.7, 3.5), (figures["averageHandlingMinutes"]!.GetValue<double>(), figures["averageFirstResponseMinutes"]!.GetValue<double>(),
                figures["csatAverage"]!.GetValue<double>()));
            Assert.Equal(66.7, dashboard["firstContact"]!["percent"]!.GetValue<double>());
            Assert.Equal(3, dashboard["firstContact"]!["resolvedCases"]!.GetValue<int>());
            Assert.Equal("Specialist", dashboard["tiers"]!["tier2"]!["label"]!.GetValue<string>());

            // VOC: C alone opened in [6 h, 12 h); A and B in the six hours before.
            var voc = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/voc/report?from={Iso(t.AddHours(6))}&to={Iso(t.AddHours(12))}&by=carrier"));
            Assert.Equal(1, voc["total"]!.GetValue<int>());
            Assert.Equal(2, voc["previousTotal"]!.GetValue<int>());
            var sf = voc["rows"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "SF")!;
            Assert.Equal((0, 2, -100.0), (sf["count"]!.GetValue<int>(), sf["previousCount"]!.GetValue<int>(), sf["changePercent"]!.GetValue<double>()));
            Assert.Equal(100.0, voc["rows"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "JD")!["sharePercent"]!.GetValue<double>());
            var reasons = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/voc/report?from={Iso(t)}&to={Iso(t.AddDays(1))}&by=reason&lang=zh-CN"));
            var damaged = reasons["rows"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "logistics/damaged")!;
            Assert.Equal(("运输途中损坏", 2, 66.7), (damaged["label"]!.GetValue<string>(), damaged["count"]!.GetValue<int>(), damaged["sharePercent"]!.GetValue<double>()));
            Assert.Contains(voc["movers"]!.AsArray(), m => m!["text"]!.GetValue<string>() == "Damaged in transit with carrier JD: 1 new against none in the previous period");

            // Sampling: only carol's task — past its SLA, and the case's last, which refunded 1,500 and was rated 2 — goes to review.
            var (review, variables) = await ReviewOf(b);
            Assert.Equal("carol", variables["agent"]!.GetValue<string>());
            Assert.Equal("specialists", variables["agentGroup"]!.GetValue<string>());
            Assert.Equal("lead-li", variables["teamLead"]!.GetValue<string>());
            Assert.Equal(b, variables["reviewedInstanceKey"]!.GetValue<string>());
            Assert.Equal(["sla-breached", "amount", "low-csat"], variables["sampleReasons"]!.AsArray().Select(r => r!.GetValue<string>()));

            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{review["userTaskKey"]}/assignment", new { assignee = "quinn" }));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{review["userTaskKey"]}/completion",
                new { variables = new { score = 40, redLines = RedLines } }));
            await server.PinAsync(t.AddHours(9));
            var quality = await Report($"/api/quality/summary?{window}&by=agent", r => r["totals"]!["reviewed"]!.GetValue<int>() == 1);
            var reviewed = Assert.Single(quality["rows"]!.AsArray())!;
            Assert.Equal("carol", reviewed["key"]!.GetValue<string>());
            Assert.Equal((1, 1, 40.0, 1), (reviewed["sampled"]!.GetValue<int>(), reviewed["reviewed"]!.GetValue<int>(),
                reviewed["averageScore"]!.GetValue<double>(), reviewed["redLineViolations"]!.GetValue<int>()));

            // CSV: one header line, a line per agent, the totals last.
            var csv = await server.Client.GetAsync($"/api/kpis?{window}&by=agent&format=csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("key,cases,tasksCompleted,firstResponseMinutes,handlingMinutes", lines[0], StringComparison.Ordinal);
            Assert.Equal(["alice", "bob", "carol", "all"], lines[1..].Select(l => l.Split(',')[0]));
            Assert.StartsWith("alice,2,2,10,20,0.5,100,2,0,100,50,5,1,50,2,1,1,0", lines[1], StringComparison.Ordinal);

            // An agent sees their own figures only: their row, and totals and other groupings of their own cases and tasks (the
            // totals were everyone's, so a narrow filter showed another agent's figures).
            using var asAlice = server.ClientAs("alice", QualityServer.Password);
            var own = await ApiAssert.OkJson(await asAlice.GetAsync($"/api/kpis?{window}&by=agent"));
            Assert.Equal(["alice"], own["rows"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()));
            Assert.Equal((2, 2), (own["totals"]!["cases"]!.GetValue<int>(), own["totals"]!["tasksCompleted"]!.GetValue<int>()));
            Assert.Equal(2, own["trend"]!.AsArray().Sum(p => p!["cases"]!.GetValue<int>()));
            var ownByProcess = await ApiAssert.OkJson(await asAlice.GetAsync($"/api/kpis?{window}&by=process"));
            Assert.Equal(2, ownByProcess["rows"]!.AsArray().Sum(r => r!["cases"]!.GetValue<int>()));
            var ownQuality = await ApiAssert.OkJson(await asAlice.GetAsync($"/api/quality/summary?{window}&by=agent"));
            Assert.Empty(ownQuality["rows"]!.AsArray());
            Assert.Equal(0, ownQuality["totals"]!["sampled"]!.GetValue<int>());
            using var asCarol = server.ClientAs("carol", QualityServer.Password);
            var carolsQuality = await ApiAssert.OkJson(await asCarol.GetAsync($"/api/quality/summary?{window}&by=process"));
            Assert.Equal(1, carolsQuality["totals"]!["reviewed"]!.GetValue<int>());
            Assert.Equal(40.0, Assert.Single(carolsQuality["rows"]!.AsArray())!["averageScore"]!.GetValue<double>());
        });
    }

    [Fact]
    public async Task The_weekly_digest_tells_the_product_team_what_moved_on_monday_morning()
    {
        // Three damaged parcels with ZTO in the week before Monday 2031-06-02, none the week before that.
        var sunday = new DateTimeOffset(2031, 6, 1, 12, 0, 0, TimeSpan.Zero);
        await server.RunAtAsync(sunday, async () =>
        {
            await server.DeployXmlAsync("voc-digest.bpmn", await File.ReadAllTextAsync(Path.Combine(Repository.Workflows, "voc-digest.bpmn")));
            await server.DeployXmlAsync("digest-case.bpmn", Case.Replace("kpi-case", "digest-case", StringComparison.Ordinal));
            foreach (var order in Enumerable.Range(1, 3).Select(i => $"D-{i}"))
            {
                await server.StartAsync("digest-case", new { orderId = order, reasonCode = "logistics/damaged", carrier = "ZTO" });
            }

            Assert.True(await Poll.Until(async () => (await ApiAssert.OkJson(await server.Client.GetAsync(
                $"/api/voc/report?from={Iso(sunday.AddDays(-1))}&to={Iso(sunday.AddDays(1))}")))["total"]!.GetValue<int>() == 3), "the cases were not recorded");

            await server.PinAsync(new DateTimeOffset(2031, 6, 2, 1, 0, 5, TimeSpan.Zero));
            JsonArray jobs = [];
            Assert.True(await Poll.Until(async () => (jobs = await server.ActivateAsync("notify.send")).Count > 0), "no digest was sent");
            var job = Assert.Single(jobs)!;
            Assert.Equal("voc-digest", job["variables"]!["template"]!.GetValue<string>());
            Assert.Equal("team:product-quality", job["variables"]!["customerId"]!.GetValue<string>());
            var text = job["variables"]!["data"]!["digestText"]!.GetValue<string>();
            Assert.StartsWith("3 cases in the last 7 days (0 the 7 days before).", text, StringComparison.Ordinal);
            Assert.Contains("- Damaged in transit with carrier ZTO: 3 new against none in the previous period", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_tier_3_task_is_always_reviewed()
    {
        await server.RunAtAsync(new DateTimeOffset(2031, 9, 1, 0, 0, 0, TimeSpan.Zero), async () =>
        {
            await server.DeployXmlAsync("quality-review.bpmn", Review);
            await server.DeployXmlAsync("tier3-case.bpmn", Case.Replace("kpi-case", "tier3-case", StringComparison.Ordinal)
                .Replace("<zeebe:property name=\"tier\" value=\"1\" />", "<zeebe:property name=\"tier\" value=\"3\" />", StringComparison.Ordinal));
            var instance = await server.StartAsync("tier3-case", new { orderId = "T3-1" });
            await Work(new DateTimeOffset(2031, 9, 1, 0, 0, 0, TimeSpan.Zero), instance, "answer", "director.liu", 5, 30);
            await server.PinAsync(new DateTimeOffset(2031, 9, 1, 1, 0, 0, TimeSpan.Zero));
            var (review, variables) = await ReviewOf(instance);
            Assert.Equal(["tier3"], variables["sampleReasons"]!.AsArray().Select(r => r!.GetValue<string>()));
            await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{review["userTaskKey"]}/completion", new { variables = new { score = 90 } }));
        });
    }

    [Theory]
    [InlineData("/api/kpis?by=customer", "by must be one of agent, group, process, tier")]
    [InlineData("/api/kpis?from=yesterday", "from must be an ISO 8601 date")]
    [InlineData("/api/kpis?to=0001-01-10T00:00:00Z", "to must be in 1970 or later, not '0001-01-10T00:00:00Z'")]
    [InlineData("/api/voc/report?from=0001-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "from must be in 1970 or later")]
    [InlineData("/api/quality/summary?to=0001-01-10", "to must be in 1970 or later")]
    [InlineData("/api/voc/report?from=2030-02-01&to=2030-01-01", "must be before to")]
    [InlineData("/api/quality/summary?format=xlsx", "format must be one of json, csv")]
    [InlineData("/api/voc/report?lang=%3Cscript%3E", "is not a language tag")]
    public async Task Bad_parameters_get_a_problem_naming_them(string path, string detail)
    {
        Assert.Contains(detail, await ApiAssert.Problem(await server.Client.GetAsync(path), 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_history_uses_only_codes_of_the_shipped_reason_catalogue()
    {
        var catalogue = new Orchestrator.Connectors.Voc.ReasonCatalogue(Path.Combine(Repository.Workflows, "voc", "reasons.json"));
        Assert.Empty(catalogue.Problems);
        Assert.All(DemoHistory.Reasons, code => Assert.NotNull(catalogue.Find(code)));
    }

    [Fact]
    public void The_random_share_takes_about_the_rate_and_nothing_or_everything_at_the_ends()
    {
        var keys = Enumerable.Range(0, 20_000).Select(i => 2_251_799_813_685_248L + i).ToList();
        Assert.DoesNotContain(keys, k => QualitySampler.InRandomShare(k, 0));
        Assert.All(keys, k => Assert.True(QualitySampler.InRandomShare(k, 1)));
        var share = keys.Count(k => QualitySampler.InRandomShare(k, 0.1)) / (double)keys.Count;
        Assert.InRange(share, 0.09, 0.11);
    }

    private async Task Work(DateTimeOffset t, string instance, string element, string agent, int claimAfter, int doneAfter, object? variables = null)
    {
        var task = await Single("user-tasks", new { processInstanceKey = instance, elementId = element });
        await server.PinAsync(t.AddMinutes(claimAfter));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/assignment", new { assignee = agent }));
        await server.PinAsync(t.AddMinutes(doneAfter));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", new { variables = variables ?? new { } }));
    }

    // The open review of a case (other tests' reviews may be open too).
    private async Task<(JsonNode Task, JsonObject Variables)> ReviewOf(string reviewed)
    {
        (JsonNode Task, JsonObject Variables)? found = null;
        Assert.True(await Poll.Until(async () =>
        {
            foreach (var task in await server.SearchAsync("user-tasks", new { processDefinitionId = "quality-review", state = "CREATED" }))
            {
                var variables = await Variables(task!["processInstanceKey"]!.GetValue<string>());
                if (variables["reviewedInstanceKey"]?.GetValue<string>() == reviewed)
                {
                    found = (task, variables);
                    return true;
                }
            }

            return false;
        }), $"no review of {reviewed}");
        return found!.Value;
    }

    private async Task<JsonNode> Single(string resource, object filter)
    {
        JsonArray found = [];
        Assert.True(await Poll.Until(async () => (found = await server.SearchAsync(resource, filter)).Count == 1), $"no single {resource} for {filter}: {found}");
        return found[0]!;
    }

    private async Task<JsonNode> Report(string path, Func<JsonNode, bool> ready)
    {
        JsonNode? last = null;
        Assert.True(await Poll.Until(async () => ready(last = await ApiAssert.OkJson(await server.Client.GetAsync(path)))), $"{path} never got there: {last}");
        return last!;
    }

    private async Task<JsonObject> Variables(string instance)
    {
        var items = await server.SearchAsync("variables", new { processInstanceKey = instance });
        return new JsonObject(items.Select(v => KeyValuePair.Create(v!["name"]!.GetValue<string>(), JsonNode.Parse(v["value"]!.GetValue<string>()))));
    }

    private static JsonNode Row(JsonNode report, string key) => report["rows"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == key)!;

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
}
