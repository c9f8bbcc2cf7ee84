using System.Text.Json.Nodes;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// Search as Camunda clients send it: each filter operator, sort in either direction and any case,
/// paging by offset and by cursor, and the total. Each test narrows to the instances it started.
/// </summary>
public sealed class SearchTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Equality_and_inequality_operators_filter_instances()
    {
        var keys = await StartThreeAsync();

        Assert.Equal([keys[1]], await KeysAsync(new { processInstanceKey = keys[1] }));
        Assert.Equal([keys[1]], await KeysAsync(new { processInstanceKey = Ops(("$eq", keys[1])) }));
        Assert.Equal([keys[0], keys[2]], await KeysAsync(new { processInstanceKey = Ops(("$in", keys), ("$neq", keys[1])) }));
        Assert.Equal([keys[0], keys[1]], await KeysAsync(new { processInstanceKey = Ops(("$in", keys), ("$notIn", new[] { keys[2] })) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), state = Ops(("$neq", "ACTIVE")) }));
    }

    [Fact]
    public async Task Range_operators_filter_keys_numbers_and_dates()
    {
        var keys = await StartThreeAsync();
        var now = DateTimeOffset.UtcNow;

        Assert.Equal([keys[2]], await KeysAsync(new { processInstanceKey = Ops(("$in", keys), ("$gt", keys[1])) }));
        Assert.Equal([keys[1], keys[2]], await KeysAsync(new { processInstanceKey = Ops(("$in", keys), ("$gte", keys[1])) }));
        Assert.Equal([keys[0]], await KeysAsync(new { processInstanceKey = Ops(("$in", keys), ("$lt", keys[1])) }));
        Assert.Equal([keys[0], keys[1]], await KeysAsync(new { processInstanceKey = Ops(("$in", keys), ("$lte", keys[1])) }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionVersion = Ops(("$gte", 1), ("$lt", 2)) }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), startDate = Ops(("$gt", Iso(now.AddMinutes(-5))), ("$lte", Iso(now.AddMinutes(5)))) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), startDate = Ops(("$gt", Iso(now.AddMinutes(5)))) }));
    }

    [Fact]
    public async Task Like_and_exists_operators_filter_text_and_optional_fields()
    {
        var keys = await StartThreeAsync();

        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionId = Ops(("$like", "job-*")) }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionId = Ops(("$like", "job?work")) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionId = Ops(("$like", "job_")) }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), endDate = Ops(("$exists", false)) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), parentProcessInstanceKey = Ops(("$exists", true)) }));
    }

    [Fact]
    public async Task Bug_like_was_case_insensitive_on_sqlite_and_did_not_escape_sql_wildcards()
    {
        var keys = await StartThreeAsync();

        // PostgreSQL's LIKE is case-sensitive and so is Camunda's $like; SQLite's LIKE was not.
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionId = Ops(("$like", "JOB-*")) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionId = Ops(("$like", "job_work")) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = Ops(("$in", keys)), processDefinitionId = Ops(("$like", "job%")) }));
    }

    [Theory]
    [InlineData("desc")]
    [InlineData("DESC")]
    [InlineData("Desc")]
    public async Task Sort_descending_in_any_case_reverses_the_order(string order)
    {
        var keys = await StartThreeAsync();

        var descending = await SearchAsync(new { filter = new { processInstanceKey = Ops(("$in", keys)) }, sort = new[] { new { field = "processInstanceKey", order } } });
        var ascending = await SearchAsync(new { filter = new { processInstanceKey = Ops(("$in", keys)) }, sort = new[] { new { field = "processinstancekey", order = "asc" } } });

        Assert.Equal([keys[2], keys[1], keys[0]], Keys(descending));
        Assert.Equal(keys, Keys(ascending));
    }

    [Fact]
    public async Task Paging_by_offset_returns_a_slice_and_the_total()
    {
        var keys = await StartThreeAsync();

        var page = await SearchAsync(new { filter = new { processInstanceKey = Ops(("$in", keys)) }, page = new { from = 1, limit = 1 } });

        Assert.Equal([keys[1]], Keys(page));
        Assert.Equal(3, page["page"]!["totalItems"]!.GetValue<long>());
        Assert.False(page["page"]!["hasMoreTotalItems"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Cursors_page_forward_with_after_and_back_with_before()
    {
        var keys = await StartThreeAsync();
        var filter = new { processInstanceKey = Ops(("$in", keys)) };

        var first = await SearchAsync(new { filter, page = new { limit = 2 } });
        var endCursor = first["page"]!["endCursor"]!.GetValue<string>();
        var second = await SearchAsync(new { filter, page = new { after = endCursor, limit = 2 } });
        var startCursor = second["page"]!["startCursor"]!.GetValue<string>();
        var back = await SearchAsync(new { filter, page = new { before = startCursor, limit = 2 } });

        Assert.Equal(keys[..2], Keys(first));
        Assert.Equal([keys[2]], Keys(second));
        Assert.Equal(keys[..2], Keys(back));
        Assert.Equal(3, second["page"]!["totalItems"]!.GetValue<long>());
        Assert.NotEmpty(Convert.FromBase64String(endCursor));
        Assert.NotEmpty(Convert.FromBase64String(startCursor));
    }

    [Fact]
    public async Task An_empty_page_has_no_cursors()
    {
        var empty = await SearchAsync(new { filter = new { processDefinitionId = "no-such-process" } });

        Assert.Empty(empty["items"]!.AsArray());
        Assert.Equal(0, empty["page"]!["totalItems"]!.GetValue<long>());
        Assert.Null(empty["page"]!["startCursor"]);
        Assert.Null(empty["page"]!["endCursor"]);
    }

    [Fact]
    public async Task Instances_are_found_by_their_variables_and_by_their_business_key()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var order = "ORD-" + Guid.NewGuid().ToString("N");
        var type = "search." + Guid.NewGuid().ToString("N");
        var byOrder = await server.StartAsync("job-work", new { jobType = type, orderId = order, amount = 120 });
        var byComplaint = await server.StartAsync("job-work", new { jobType = type, complaintId = order + "-C", orderId = "other" });

        Assert.Equal([byOrder], await KeysAsync(new { variables = new[] { new { name = "orderId", value = $"\"{order}\"" } } }));
        Assert.Equal([byOrder], await KeysAsync(new { variables = new[] { new { name = "orderId", value = $"\"{order}\"" }, new { name = "amount", value = "120" } } }));
        Assert.Empty(await KeysAsync(new { variables = new[] { new { name = "orderId", value = $"\"{order}\"" }, new { name = "amount", value = "121" } } }));
        Assert.Equal([byOrder], await KeysAsync(new { businessKey = order }));
        Assert.Equal([byComplaint], await KeysAsync(new { businessKey = order + "-C" }));

        var detail = await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/search", new { filter = new { variables = new[] { new { name = "orderId" } } } }), 400, "INVALID_ARGUMENT");
        Assert.Contains("filter.variables[0]", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_a_variables_filter_written_with_spaces_or_escapes_found_nothing()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = "search." + Guid.NewGuid().ToString("N");
        var address = new { street = "Hauptstraße 1", zip = type };
        var instance = await server.StartAsync("job-work", new { jobType = type, address });

        // The stored value is compact JSON; a client that writes the same value with spaces or escapes meant the same value.
        Assert.Equal([instance], await KeysAsync(new { variables = new[] { new { name = "address", value = $$"""{ "street": "Hauptstra\u00dfe 1", "zip": "{{type}}" }""" } } }));
        Assert.Equal([instance], await KeysAsync(new { variables = new[] { new { name = "jobType", value = $"  \"{type}\"\n" } } }));
    }

    [Fact]
    public async Task Enum_filters_find_by_a_valid_name_in_every_form()
    {
        var keys = await StartThreeAsync();
        var within = Ops(("$in", keys));
        string[] active = ["ACTIVE"], activeOrCompleted = ["ACTIVE", "COMPLETED"];

        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = within, state = "ACTIVE" }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = within, state = Ops(("$in", activeOrCompleted)) }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = within, state = Ops(("$neq", "TERMINATED"), ("$exists", true)) }));
        Assert.Equal(keys, await KeysAsync(new { processInstanceKey = within, state = Ops(("$like", "ACT*")) }));
        Assert.Empty(await KeysAsync(new { processInstanceKey = within, state = Ops(("$notIn", active)) }));
        var work = Assert.Single(await server.SearchAsync("element-instances", new { processInstanceKey = keys[0], type = "SERVICE_TASK", state = "ACTIVE" }))!;
        Assert.Equal("work", work["elementId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Incidents_are_found_by_error_type_also_with_in_and_like()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = "search." + Guid.NewGuid().ToString("N");
        var instance = await server.StartAsync("job-work", new { jobType = type });
        var job = Assert.Single(await server.ActivateAsync(type))!;
        string[] types = ["IO_MAPPING_ERROR", "JOB_NO_RETRIES"];
        await ApiAssert.NoContent(await server.PostAsync($"/v2/jobs/{job["jobKey"]}/failure", new { retries = 0, errorMessage = "carrier down" }));

        Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance, errorType = "JOB_NO_RETRIES", state = "ACTIVE" }));
        Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance, errorType = Ops(("$in", types)) }));
        Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance, errorType = Ops(("$neq", "JOB_NO_RETRIES")) }));
        // $like matches the names a client sees, not the form the database holds them in (JobNoRetries).
        Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance, errorType = Ops(("$like", "JOB_*")) }));
        Assert.Single(await server.SearchAsync("incidents", new { processInstanceKey = instance, errorType = Ops(("$like", "*_NO_RETRIES")) }));
        Assert.Empty(await server.SearchAsync("incidents", new { processInstanceKey = instance, errorType = Ops(("$like", "IO_*")) }));
        Assert.Contains("$like must be a string", await ApiAssert.Problem(
            await server.PostAsync("/v2/incidents/search", new { filter = new { errorType = Ops(("$like", 7)) } }), 400, "INVALID_ARGUMENT"), StringComparison.Ordinal);
    }

    /// <summary>The names Camunda 8.8's REST API spec gives each enum field: a client may send any, those never stored here match nothing.</summary>
    [Theory]
    [InlineData("process-instances", "state", "ACTIVE COMPLETED TERMINATED")]
    [InlineData("element-instances", "state", "ACTIVE COMPLETED TERMINATED")]
    [InlineData("element-instances", "type", "UNSPECIFIED PROCESS SUB_PROCESS EVENT_SUB_PROCESS AD_HOC_SUB_PROCESS AD_HOC_SUB_PROCESS_INNER_INSTANCE START_EVENT "
        + "INTERMEDIATE_CATCH_EVENT INTERMEDIATE_THROW_EVENT BOUNDARY_EVENT END_EVENT SERVICE_TASK RECEIVE_TASK USER_TASK MANUAL_TASK TASK EXCLUSIVE_GATEWAY "
        + "INCLUSIVE_GATEWAY PARALLEL_GATEWAY EVENT_BASED_GATEWAY SEQUENCE_FLOW MULTI_INSTANCE_BODY CALL_ACTIVITY BUSINESS_RULE_TASK SCRIPT_TASK SEND_TASK UNKNOWN")]
    [InlineData("user-tasks", "state", "CREATING CREATED ASSIGNING UPDATING COMPLETING COMPLETED CANCELING CANCELED FAILED")]
    [InlineData("incidents", "state", "ACTIVE MIGRATED RESOLVED PENDING")]
    [InlineData("incidents", "errorType", "UNSPECIFIED UNKNOWN IO_MAPPING_ERROR JOB_NO_RETRIES EXECUTION_LISTENER_NO_RETRIES TASK_LISTENER_NO_RETRIES "
        + "AD_HOC_SUB_PROCESS_NO_RETRIES CONDITION_ERROR EXTRACT_VALUE_ERROR CALLED_ELEMENT_ERROR UNHANDLED_ERROR_EVENT MESSAGE_SIZE_EXCEEDED CALLED_DECISION_ERROR "
        + "DECISION_EVALUATION_ERROR FORM_NOT_FOUND RESOURCE_NOT_FOUND")]
    [InlineData("decision-instances", "state", "EVALUATED FAILED UNSPECIFIED UNKNOWN")]
    [InlineData("decision-instances", "decisionDefinitionType", "DECISION_TABLE LITERAL_EXPRESSION UNSPECIFIED UNKNOWN")]
    [InlineData("batch-operations", "operationType", "CANCEL_PROCESS_INSTANCE RESOLVE_INCIDENT MIGRATE_PROCESS_INSTANCE MODIFY_PROCESS_INSTANCE "
        + "DELETE_PROCESS_INSTANCE ADD_VARIABLE UPDATE_VARIABLE DELETE_DECISION_DEFINITION DELETE_PROCESS_DEFINITION")]
    [InlineData("batch-operations", "state", "ACTIVE CANCELED COMPLETED CREATED FAILED PARTIALLY_COMPLETED SUSPENDED")]
    [InlineData("batch-operation-items", "state", "ACTIVE COMPLETED CANCELED FAILED")]
    public async Task Every_name_camunda_gives_an_enum_field_is_accepted(string resource, string field, string names)
    {
        var all = names.Split(' ');

        foreach (var name in all)
        {
            await server.PostOkAsync($"/v2/{resource}/search", new { filter = new Dictionary<string, object> { [field] = name } });
        }

        await server.PostOkAsync($"/v2/{resource}/search", new { filter = new Dictionary<string, object> { [field] = Ops(("$in", all)) } });
    }

    [Fact]
    public async Task Every_search_answers_a_body_less_request()
    {
        foreach (var resource in new[] { "process-definitions", "process-instances", "user-tasks", "incidents", "variables", "element-instances" })
        {
            var all = await ApiAssert.OkJson(await server.PostAsync($"/v2/{resource}/search", null));
            Assert.NotNull(all["page"]!["totalItems"]);
        }
    }

    private async Task<string[]> StartThreeAsync()
    {
        await server.DeployAsync("Api/job-work.bpmn");
        var type = "search." + Guid.NewGuid().ToString("N");
        var keys = new string[3];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = await server.StartAsync("job-work", new { jobType = type });
        }

        return keys;
    }

    private async Task<JsonNode> SearchAsync(object body) => await server.PostOkAsync("/v2/process-instances/search", body);

    private async Task<string[]> KeysAsync(object filter) =>
        Keys(await SearchAsync(new { filter, sort = new[] { new { field = "processInstanceKey", order = "ASC" } } }));

    private static string[] Keys(JsonNode page) =>
        page["items"]!.AsArray().Select(i => i!["processInstanceKey"]!.GetValue<string>()).ToArray();

    private static Dictionary<string, object> Ops(params (string Op, object Value)[] ops) => ops.ToDictionary(o => o.Op, o => o.Value, StringComparer.Ordinal);

    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
