using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Engine.State;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// A variable's value is stored once, in its own row — not again in its instance's snapshot nor in its history — and a
/// variable search cuts long values short (<c>isTruncated</c>, as Camunda does), the whole value being one GET away.
/// </summary>
public sealed class StoredOnceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Letter = "\"" + string.Concat(Enumerable.Repeat("0123456789", 2_000)) + "\"";

    private async Task<string> StartWithLetterAsync()
    {
        await server.DeployAsync("Api/user-task.bpmn");
        var created = await server.Client.PostAsync("/v2/process-instances", new StringContent(
            $$"""{"processDefinitionId": "user-task", "variables": {"group": "agents", "letter": {{Letter}} } }""", System.Text.Encoding.UTF8, "application/json"));
        return (await ApiAssert.OkJson(created))["processInstanceKey"]!.GetValue<string>();
    }

    [Fact]
    public async Task Bug_a_variable_value_was_stored_three_times()
    {
        var instance = long.Parse(await StartWithLetterAsync(), System.Globalization.CultureInfo.InvariantCulture);

        await using var db = server.Services.GetRequiredService<OrchestratorDatabase>().CreateContext();
        Assert.Equal(Letter, await db.Variables.Where(v => v.ProcessInstanceKey == instance && v.Name == "letter").Select(v => v.Value).SingleAsync());
        var snapshot = await db.ProcessInstances.Where(i => i.Key == instance).Select(i => i.Elements).SingleAsync();
        Assert.DoesNotContain("0123456789", snapshot, StringComparison.Ordinal);
        var blocks = await db.History.Where(h => h.ProcessInstanceKey == instance).ToListAsync();
        Assert.All(blocks, b => Assert.DoesNotContain("0123456789", b.Records, StringComparison.Ordinal));
        var variables = HistoryBlocks.Unpack(blocks).Where(h => h.ValueType == RecordValueType.Variable).ToList();
        Assert.Contains(variables, h => h.ElementId == "letter");
        Assert.All(variables, h => Assert.Null(h.Detail));
    }

    [Fact]
    public async Task Bug_a_variable_search_returned_every_value_whole()
    {
        var instance = await StartWithLetterAsync();

        var found = Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "letter" }))!;
        Assert.True(found["isTruncated"]!.GetValue<bool>());
        Assert.Equal(Letter[..8191], found["value"]!.GetValue<string>());
        Assert.False(Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, name = "group" }))!["isTruncated"]!.GetValue<bool>());
        Assert.Single(await server.SearchAsync("variables", new { processInstanceKey = instance, isTruncated = true }));

        var whole = await ApiAssert.OkJson(await server.Client.GetAsync($"/v2/variables/{found["variableKey"]!.GetValue<string>()}"));
        Assert.Equal(Letter, whole["value"]!.GetValue<string>());
        Assert.False(whole["isTruncated"]!.GetValue<bool>());
        var untruncated = await server.PostOkAsync("/v2/variables/search?truncateValues=false", new { filter = new { processInstanceKey = instance, name = "letter" } });
        Assert.Equal(Letter, untruncated["items"]![0]!["value"]!.GetValue<string>());
    }
}
