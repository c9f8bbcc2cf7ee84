using System.Text;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Ui;

/// <summary>A server over the repository's workflows folder (its element templates and models).</summary>
public sealed class RepositoryWorkflowsServer : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Workflows:Path"] = Repository.Workflows;
        return settings;
    }
}

/// <summary>The UI's API beyond /v2: validation with problems per element, element templates, calendars, an instance's timeline and element statistics, the dashboard.</summary>
public sealed class UiApiTests(RepositoryWorkflowsServer server) : IClassFixture<RepositoryWorkflowsServer>
{
    [Fact]
    public async Task A_model_is_validated_before_deployment_with_each_problem_on_its_element_and_line()
    {
        var good = await ApiAssert.OkJson(await server.Client.PostAsync("/api/models/validate",
            new StringContent(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Api/order-flow.bpmn")), Encoding.UTF8, "application/xml")));
        var bad = await ApiAssert.OkJson(await server.Client.PostAsync("/api/models/validate",
            new StringContent(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Api/invalid.bpmn")), Encoding.UTF8, "application/xml")));

        Assert.True(good["valid"]!.GetValue<bool>());
        Assert.Equal("order-flow", good["processes"]![0]!.GetValue<string>());
        Assert.False(bad["valid"]!.GetValue<bool>());
        var problem = bad["problems"]!.AsArray()[0]!;
        Assert.False(string.IsNullOrEmpty(problem["elementId"]?.GetValue<string>()));
        Assert.True(problem["line"]!.GetValue<int>() > 0);
        await ApiAssert.Problem(await server.Client.PostAsync("/api/models/validate", new StringContent("", Encoding.UTF8, "application/xml")), 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task A_model_that_is_not_utf8_is_refused_naming_its_line()
    {
        byte[] latin1 = [.. "<?xml version=\"1.0\"?>\n<bpmn:definitions name=\"caf"u8, 0xE9, .. "\"/>"u8];

        var detail = await ApiAssert.Problem(await server.Client.PostAsync("/api/models/validate", new ByteArrayContent(latin1)), 400, "INVALID_ARGUMENT");

        Assert.StartsWith("model.bpmn:2: -: the resource is not UTF-8 text: byte 0xE9", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_task_linking_a_form_that_is_neither_deployed_nor_sent_along_is_a_problem_on_the_task_but_deployment_accepts_it()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">
              <bpmn:process id="ui-form-link" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
                <bpmn:userTask id="check" name="Check the parcel">
                  <bpmn:extensionElements>
                    <zeebe:userTask />
                    <zeebe:formDefinition formId="ui-form-link-form" />
                  </bpmn:extensionElements>
                </bpmn:userTask>
                <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        const string form = """{"id": "ui-form-link-form", "type": "default", "schemaVersion": 16, "components": []}""";

        async Task<System.Text.Json.Nodes.JsonNode> ValidateAsync(bool withForm)
        {
            using var content = new MultipartFormDataContent { { new StringContent(xml, Encoding.UTF8, "application/xml"), "file", "ui-form-link.bpmn" } };
            if (withForm)
            {
                content.Add(new StringContent(form, Encoding.UTF8, "application/json"), "file", "ui-form-link-form.form");
            }

            return await ApiAssert.OkJson(await server.Client.PostAsync("/api/models/validate", content));
        }

        var missing = await ValidateAsync(withForm: false);
        Assert.False(missing["valid"]!.GetValue<bool>());
        var problem = Assert.Single(missing["problems"]!.AsArray())!;
        Assert.Equal("check", problem["elementId"]!.GetValue<string>());
        Assert.Equal("form 'ui-form-link-form' is not deployed", problem["message"]!.GetValue<string>());
        Assert.True(problem["line"]!.GetValue<int>() > 0);

        // The form in the same deployment is enough.
        Assert.True((await ValidateAsync(withForm: true))["valid"]!.GetValue<bool>());

        // A file along that is no form object is no form.
        foreach (var notAForm in new[] { "[1, 2]", "\"text\"", "{\"id\": 3}", "{" })
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(xml, Encoding.UTF8, "application/xml"), "file", "ui-form-link.bpmn" },
                { new StringContent(notAForm, Encoding.UTF8, "application/json"), "file", "other.form" },
            };
            Assert.False((await ApiAssert.OkJson(await server.Client.PostAsync("/api/models/validate", content)))["valid"]!.GetValue<bool>());
        }

        // Deployment accepts the model as Zeebe does (the form is looked up when the task is reached); once the form is deployed, it validates.
        await server.DeployXmlAsync("ui-form-link.bpmn", xml);
        using (var deployment = new MultipartFormDataContent { { new StringContent(form, Encoding.UTF8, "application/json"), "resources", "ui-form-link-form.form" } })
        {
            await ApiAssert.OkJson(await server.Client.PostAsync("/v2/deployments", deployment));
        }

        var deployed = await ValidateAsync(withForm: false);
        Assert.True(deployed["valid"]!.GetValue<bool>());
        Assert.Empty(deployed["problems"]!.AsArray());
    }

    [Fact]
    public async Task The_web_ui_is_served_at_the_root()
    {
        var page = await server.Client.GetAsync("/");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<div id=\"root\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_element_templates_and_calendars_are_served()
    {
        var templates = (await ApiAssert.OkJson(await server.Client.GetAsync("/api/element-templates"))).AsArray();
        var calendars = (await ApiAssert.OkJson(await server.Client.GetAsync("/api/calendars"))).AsArray();

        Assert.Contains(templates, t => t!["id"]!.GetValue<string>() == "io.aftersales.carrier.createLabel");
        Assert.True(templates.Count >= 11);
        Assert.Contains(calendars, c => c!["name"]!.GetValue<string>() == "support" && c["timeZone"]!.GetValue<string>() == "Asia/Shanghai");
    }

    [Fact]
    public async Task An_instance_has_a_timeline_and_counts_per_element_for_the_diagram()
    {
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var instance = await server.StartAsync("order-flow", new { orderId = "UI-1" });
        var job = (await server.ActivateAsync("order.check", 100)).Single(j => j!["processInstanceKey"]!.GetValue<string>() == instance)!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/failure", new { retries = 0, errorMessage = "down" }));

        var history = (await ApiAssert.OkJson(await server.Client.GetAsync($"/api/process-instances/{instance}/history"))).AsArray();
        var statistics = (await ApiAssert.OkJson(await server.Client.GetAsync($"/api/process-instances/{instance}/statistics"))).AsArray();

        Assert.Contains(history, h => h!["intent"]!.GetValue<string>() == "ELEMENT_COMPLETED" && h["elementId"]?.GetValue<string>() == "start");
        Assert.Contains(history, h => h!["valueType"]!.GetValue<string>() == "INCIDENT" && h["elementName"]?.GetValue<string>() == "Check order");
        Assert.All(history.Where(h => h!["valueType"]!.GetValue<string>() == "VARIABLE"), h => Assert.Null(h!["elementName"]));
        var check = statistics.Single(s => s!["elementId"]!.GetValue<string>() == "check")!;
        Assert.Equal(1, check["active"]!.GetValue<int>());
        Assert.Equal(1, check["incidents"]!.GetValue<int>());
        Assert.Equal(1, statistics.Single(s => s!["elementId"]!.GetValue<string>() == "start")!["completed"]!.GetValue<int>());
        await ApiAssert.Problem(await server.Client.GetAsync("/api/process-instances/1/history"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task The_dashboard_counts_open_and_closed_work_and_the_backlog_by_group()
    {
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");
        var instance = await server.StartAsync("order-flow", new { orderId = "UI-2" });
        var job = (await server.ActivateAsync("order.check", 100)).Single(j => j!["processInstanceKey"]!.GetValue<string>() == instance)!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/completion", null));
        await server.PostOkAsync("/v2/messages/publication", new { name = "payment", correlationKey = "UI-2" });
        await server.StartAsync("order-flow", new { orderId = "UI-3" });

        var before = await ApiAssert.OkJson(await server.Client.GetAsync("/api/dashboard"));
        var agents = before["backlog"]!.AsArray().Single(b => b!["group"]!.GetValue<string>() == "agents")!;
        Assert.True(agents["open"]!.GetValue<int>() >= 1);
        Assert.True(agents["ageing"]!["under1h"]!.GetValue<int>() >= 1);

        var task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance }))[0]!;
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task["userTaskKey"]}/completion", null));
        var after = await ApiAssert.OkJson(await server.Client.GetAsync("/api/dashboard"));
        var orders = after["processes"]!.AsArray().Single(p => p!["processDefinitionId"]!.GetValue<string>() == "order-flow")!;

        Assert.True(orders["open"]!.GetValue<int>() >= 2);
        // Handling time is an after-sales case's figure (QualityReportTests): a process without tracking.caseType has none.
        Assert.Null(orders["averageHandlingMinutes"]);
        Assert.NotNull(after["tiers"]!["tier1"]);
    }

    [Fact]
    public async Task Deployed_forms_are_listed_with_their_versions_and_read_by_key()
    {
        await server.DeployAsync("Api/approve-form.form");
        await server.DeployAsync("Api/order-flow.bpmn", "Api/approve-form.form");

        var forms = (await ApiAssert.OkJson(await server.Client.GetAsync("/api/forms"))).AsArray();
        var versions = forms.Where(f => f!["formId"]!.GetValue<string>() == "approve-form").ToList();
        var latest = versions[0]!;
        var form = await ApiAssert.OkJson(await server.Client.GetAsync($"/api/forms/{latest["formKey"]}"));

        Assert.NotEmpty(versions);
        Assert.Equal(versions.Select(v => v!["version"]!.GetValue<int>()).OrderDescending(), versions.Select(v => v!["version"]!.GetValue<int>()));
        Assert.Equal("approve-form.form", latest["resourceName"]!.GetValue<string>());
        Assert.Equal("approve-form", form["formId"]!.GetValue<string>());
        Assert.Contains("\"components\"", form["schema"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiAssert.Problem(await server.Client.GetAsync("/api/forms/1"), 404, "NOT_FOUND");
    }

    [Fact]
    public async Task The_tiers_are_the_user_tasks_the_models_give_a_tier_named_after_their_task()
    {
        var resolved = await StartComplaintAsync();
        var escalated = await StartComplaintAsync();
        await StartComplaintAsync();
        await CompleteTier1Async(resolved, new { resolution = "resolved", compensation = 0, note = "sorry" });
        await CompleteTier1Async(escalated, new { resolution = "escalate", compensation = 0, note = "needs a specialist" });
        // The customer is told of the escalation before the specialist's task opens.
        await CompleteJobAsync(escalated, "notify.send", new { });

        var dashboard = await ApiAssert.OkJson(await server.Client.GetAsync("/api/dashboard"));

        Assert.Equal(1, dashboard["tiers"]!["tier2"]!["open"]!.GetValue<int>());
        Assert.Equal("Resolve complaint (tier 2 specialist)", dashboard["tiers"]!["tier2"]!["label"]!.GetValue<string>());
        Assert.Equal(["tier1", "tier2", "tier3"], dashboard["tiers"]!.AsObject().Select(t => t.Key));
    }

    private async Task<string> StartComplaintAsync()
    {
        var instance = await server.StartAsync("complaint-escalation", new { complaintId = "FCR-" + Guid.NewGuid().ToString("N"), orderId = "O-FCR", description = "late" });
        // The shop's order and customer, and the acknowledgement, as their connectors would answer.
        await CompleteJobAsync(instance, "orders.get", new
        {
            order = new
            {
                orderId = "O-FCR", customerId = "CUST-1", channel = "web", country = "CN", currency = "CNY", orderValue = 100, paidAmount = 100,
                placedAt = "2026-11-20T09:00:00Z", deliveredAt = "2026-11-23T15:00:00Z", lines = Array.Empty<object>(),
            },
        });
        await CompleteJobAsync(instance, "customers.get", new
        {
            customer = new { customerId = "CUST-1", name = "Li Wei", tier = "standard", trustLevel = "normal", trustScore = 55, language = "en", preferredChannel = "email", country = "CN" },
        });
        await CompleteJobAsync(instance, "notify.send", new { });
        return instance;
    }

    private async Task CompleteJobAsync(string instance, string type, object variables)
    {
        System.Text.Json.Nodes.JsonNode? job = null;
        Assert.True(await Poll.Until(async () => (job = (await server.ActivateAsync(type, 100)).FirstOrDefault(j => j!["processInstanceKey"]!.GetValue<string>() == instance)) is not null),
            $"no {type} job");
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job!["jobKey"]}/completion", new { variables }));
    }

    private async Task CompleteTier1Async(string instance, object variables)
    {
        System.Text.Json.Nodes.JsonNode? task = null;
        Assert.True(await Poll.Until(async () => (task = (await server.SearchAsync("user-tasks", new { processInstanceKey = instance, elementId = "tier1" })).SingleOrDefault()) is not null));
        await ApiAssert.NoContent(await server.PostAsync($"/v2/user-tasks/{task!["userTaskKey"]}/completion", new { variables }));
    }
}
