using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestrator.Server.Tests.Api;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Tracking;

/// <summary>
/// A customer opens their case's link without signing in (the server requires sign-in for everything else): the JSON and
/// the page show the steps the process declares, in the case's language, and nothing internal; unknown links are 404.
/// </summary>
public sealed class TrackingApiTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private const string Model = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
          <bpmn:process id="tracked-return" isExecutable="true">
            <bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.caseType" value="return" />
              <zeebe:property name="tracking.title" value="Your return" />
              <zeebe:property name="tracking.title.de" value="Ihre Rücksendung" />
              <zeebe:property name="tracking.reference" value="=orderId" />
              <zeebe:property name="tracking.eta" value="=date and time(&quot;2030-01-02T03:04:05Z&quot;)" />
              <zeebe:property name="tracking.refund" value="={amount: refundAmount, currency: currency}" />
            </zeebe:properties></bpmn:extensionElements>
            <bpmn:startEvent id="start"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.step" value="requested" />
              <zeebe:property name="tracking.label" value="Return requested" /><zeebe:property name="tracking.label.de" value="Rücksendung angefragt" />
            </zeebe:properties></bpmn:extensionElements></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
            <bpmn:userTask id="review" name="Review (internal)"><bpmn:extensionElements><zeebe:userTask /><zeebe:assignmentDefinition assignee="alice" /><zeebe:properties>
              <zeebe:property name="tracking.step" value="review" />
              <zeebe:property name="tracking.label" value="Checked by our team" /><zeebe:property name="tracking.label.de" value="Prüfung durch unser Team" />
            </zeebe:properties></bpmn:extensionElements></bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="gw" />
            <bpmn:exclusiveGateway id="gw" default="f3" />
            <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="done" />
            <bpmn:sequenceFlow id="f4" sourceRef="gw" targetRef="rejected"><bpmn:conditionExpression>=approved = false</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="rejected"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.step" value="rejected" /><zeebe:property name="tracking.label" value="Rejected" />
              <zeebe:property name="tracking.when" value="=false" />
            </zeebe:properties></bpmn:extensionElements></bpmn:endEvent>
            <bpmn:endEvent id="done"><bpmn:extensionElements><zeebe:properties>
              <zeebe:property name="tracking.step" value="completed" />
              <zeebe:property name="tracking.label" value="Return completed" /><zeebe:property name="tracking.label.de" value="Rücksendung abgeschlossen" />
            </zeebe:properties></bpmn:extensionElements></bpmn:endEvent>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<(ApiClient Admin, string Instance, string Token)> StartAsync(string language = "de")
    {
        var admin = new ApiClient(server.ClientAs("admin", AuthFixture.AdminPassword));
        await admin.DeployXmlAsync("tracked-return.bpmn", Model);
        var instance = await admin.StartAsync("tracked-return", new
        {
            orderId = "ORD-77", language, refundAmount = 59.5, currency = "EUR",
            customerAddress = "1 Secret Street", internalNote = "VIP, careful",
        });
        var variable = Assert.Single(await admin.SearchAsync("variables", new { processInstanceKey = instance, name = "trackingToken" }))!;
        var token = JsonNode.Parse(variable["value"]!.GetValue<string>())!.GetValue<string>();
        return (admin, instance, token);
    }

    [Fact]
    public async Task A_customer_sees_their_case_without_signing_in_in_their_language_and_nothing_internal()
    {
        var (_, _, token) = await StartAsync();
        var customer = server.NewClient();

        var response = await customer.GetAsync($"/api/track/{token}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.Equal(["caseType", "title", "reference", "status", "language", "steps", "eta", "refund", "updatedAt"], json.Select(p => p.Key));
        Assert.Equal(("return", "Ihre Rücksendung", "ORD-77", "in-progress", "de"),
            (Text(json, "caseType"), Text(json, "title"), Text(json, "reference"), Text(json, "status"), Text(json, "language")));
        Assert.Equal("2030-01-02T03:04:05.000Z", Text(json, "eta"));
        Assert.Equal(59.5m, json["refund"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("EUR", json["refund"]!["currency"]!.GetValue<string>());
        Assert.Equal(
            [("requested", "Rücksendung angefragt", "done"), ("review", "Prüfung durch unser Team", "current"), ("completed", "Rücksendung abgeschlossen", "pending")],
            json["steps"]!.AsArray().Select(s => (Text(s!, "key"), Text(s!, "label"), Text(s!, "state"))));
        Assert.NotNull(json["steps"]![0]!["at"]);
        Assert.Null(json["steps"]![2]!["at"]);
        foreach (var secret in new[] { "Secret Street", "VIP", "alice", "Review (internal)", "rejected", "processInstanceKey", token })
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Another_language_may_be_asked_for_and_a_malformed_one_is_refused()
    {
        var (_, _, token) = await StartAsync();
        var customer = server.NewClient();

        var english = await ApiAssert.OkJson(await customer.GetAsync($"/api/track/{token}?lang=en"));
        var thai = await ApiAssert.OkJson(await customer.GetAsync($"/api/track/{token}?lang=th"));

        Assert.Equal(("en", "Your return", "Checked by our team"), (Text(english, "language"), Text(english, "title"), Text(english["steps"]![1]!, "label")));
        Assert.Equal(("th", "Your return"), (Text(thai, "language"), Text(thai, "title")));
        await ApiAssert.Problem(await customer.GetAsync($"/api/track/{token}?lang=%3Cscript%3E"), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_finished_case_shows_what_it_passed_and_nothing_to_come()
    {
        var (admin, instance, token) = await StartAsync("en");
        var task = Assert.Single(await admin.SearchAsync("user-tasks", new { processInstanceKey = instance }))!["userTaskKey"]!.GetValue<string>();
        await ApiAssert.NoContent(await admin.PostAsync($"/v2/user-tasks/{task}/completion", new { variables = new { approved = true } }));

        var json = await ApiAssert.OkJson(await server.NewClient().GetAsync($"/api/track/{token}"));

        Assert.Equal("completed", Text(json, "status"));
        Assert.Null(json["eta"]);
        Assert.Equal([("requested", "done"), ("review", "done"), ("completed", "done")],
            json["steps"]!.AsArray().Select(s => (Text(s!, "key"), Text(s!, "state"))));
    }

    [Fact]
    public async Task Bug_a_case_past_its_last_step_but_waiting_for_the_survey_said_in_progress_and_showed_its_steps_out_of_order()
    {
        // Arrange: the whole return runs in one moment, as under a pinned clock, and stops at the survey.
        var admin = new ApiClient(server.ClientAs("admin", AuthFixture.AdminPassword));
        await admin.DeployAsync("Tracking/tracked-survey.bpmn");
        await ApiAssert.NoContent(await admin.Http.PutAsJsonAsync("/v2/clock", new { timestamp = 1_900_000_000_000L }));
        string instance;
        try
        {
            instance = await admin.StartAsync("tracked-survey", new { orderId = "ORD-88", language = "en", instantRefund = false });
        }
        finally
        {
            await ApiAssert.NoContent(await admin.PostAsync("/v2/clock/reset", null));
        }

        var variable = Assert.Single(await admin.SearchAsync("variables", new { processInstanceKey = instance, name = "trackingToken" }))!;
        var token = JsonNode.Parse(variable["value"]!.GetValue<string>())!.GetValue<string>();
        var customer = server.NewClient();
        string[] asTheyHappened = ["requested", "inspection", "refund", "completed"];

        // Act: the customer looks while the case waits for the survey, and again once it is answered.
        var waiting = await ApiAssert.OkJson(await customer.GetAsync($"/api/track/{token}"));
        var page = await (await customer.GetAsync($"/track/{token}")).Content.ReadAsStringAsync();
        var running = await ApiAssert.OkJson(await admin.Http.GetAsync($"/v2/process-instances/{instance}"));
        await admin.PostOkAsync("/v2/messages/publication", new { name = "survey-answer", correlationKey = "ORD-88", variables = new { csat = 5 } });
        Assert.True(await Poll.Until(async () =>
            (await ApiAssert.OkJson(await admin.Http.GetAsync($"/v2/process-instances/{instance}")))["state"]!.GetValue<string>() == "COMPLETED"));
        var answered = await ApiAssert.OkJson(await customer.GetAsync($"/api/track/{token}"));

        // Assert: done is done, in the order the case went, and nothing is promised any more.
        Assert.Equal("ACTIVE", Text(running, "state"));
        Assert.Equal("completed", Text(waiting, "status"));
        Assert.Null(waiting["eta"]);
        Assert.Equal(asTheyHappened.Select(k => (k, "done")), waiting["steps"]!.AsArray().Select(s => (Text(s!, "key"), Text(s!, "state"))));
        Assert.Contains("<span class=\"status completed\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"\">", page, StringComparison.Ordinal);
        Assert.Equal("completed", Text(answered, "status"));
        Assert.Equal(asTheyHappened, answered["steps"]!.AsArray().Select(s => Text(s!, "key")));
    }

    [Fact]
    public async Task Unknown_and_malformed_links_are_the_same_404()
    {
        var (_, _, token) = await StartAsync();
        var customer = server.NewClient();
        var unknown = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var answers = new List<string>();
        foreach (var link in new[] { unknown, "short", new string('x', 500), "../../v2/topology", "%00" })
        {
            var response = await customer.GetAsync($"/api/track/{Uri.EscapeDataString(link)}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            answers.Add($"{problem["title"]} {problem["detail"]}");
        }

        Assert.Single(answers.Distinct());
        Assert.StartsWith("NOT_FOUND no case has this tracking link", answers[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_small_html_in_the_case_s_language_with_a_refresh_link()
    {
        var (_, _, token) = await StartAsync("zh-CN");
        var customer = server.NewClient();

        var page = await customer.GetAsync($"/track/{token}");
        var missing = await customer.GetAsync("/track/not-a-token?lang=de");

        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"\">刷新</a>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("Return requested", html, StringComparison.Ordinal);
        Assert.Contains("处理中", html, StringComparison.Ordinal);
        Assert.Contains("ORD-77", html, StringComparison.Ordinal);
        Assert.Contains("59.5 EUR", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Dieser Link ist ungültig", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_feel_allows_but_dotnet_does_not_and_calendars_that_end_early_still_show()
    {
        // +15:00 is a FEEL offset beyond .NET's ±14 h; ar-SA formats on a calendar that ends in 2077.
        var admin = new ApiClient(server.ClientAs("admin", AuthFixture.AdminPassword));
        await admin.DeployXmlAsync("tracked-eta.bpmn", """
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="x">
              <bpmn:process id="tracked-eta" isExecutable="true">
                <bpmn:extensionElements><zeebe:properties>
                  <zeebe:property name="tracking.caseType" value="repair" /><zeebe:property name="tracking.eta" value="=date and time(promised)" />
                </zeebe:properties></bpmn:extensionElements>
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="t" />
                <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements></bpmn:userTask>
              </bpmn:process>
            </bpmn:definitions>
            """);
        var instance = await admin.StartAsync("tracked-eta", new { promised = "2090-01-01T00:00:00+15:00", language = "ar-SA" });
        var variable = Assert.Single(await admin.SearchAsync("variables", new { processInstanceKey = instance, name = "trackingToken" }))!;
        var token = JsonNode.Parse(variable["value"]!.GetValue<string>())!.GetValue<string>();
        var customer = server.NewClient();

        var json = await ApiAssert.OkJson(await customer.GetAsync($"/api/track/{token}"));
        var page = await customer.GetAsync($"/track/{token}");

        Assert.Equal("2089-12-31T09:00:00.000Z", Text(json, "eta"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("datetime=\"2089-12-31T09:00:00Z\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Text(JsonNode node, string name) => node[name]!.ToString();
}
