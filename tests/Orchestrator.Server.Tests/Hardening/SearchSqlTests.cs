using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Auth;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>
/// Search filter values reach the database as parameters: two searches that differ only in their values run the same
/// SQL (one query plan), and no value appears in the SQL text; so do the caller's name and groups in an agent's case scope.
/// What a database cannot take is refused with 400.
/// </summary>
public sealed class SearchSqlTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly OrchestratorDbContext _db = Context();

    private static readonly SearchFields<ProcessInstanceRow> Fields = new SearchFields<ProcessInstanceRow>(i => i.Key)
        .Key("processInstanceKey", i => i.Key)
        .Text("processDefinitionId", i => i.BpmnProcessId)
        .Number("processDefinitionVersion", i => i.Version)
        .Date("startDate", i => i.StartDate)
        .Bool("hasIncident", i => i.HasIncident);

    public void Dispose() => _db.Dispose();

    /// <summary>A context over a scratch SQLite file: what is checked is how queries are written, not what they find.</summary>
    private static OrchestratorDbContext Context()
    {
        var folder = Directory.CreateTempSubdirectory("orchestrator-sql-").FullName;
        var database = new OrchestratorDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "sql.db")}");
        database.Migrate();
        return database.CreateContext();
    }

    private string Sql(string filter)
    {
        using var document = JsonDocument.Parse(filter);
        var text = Fields.Filter(_db.ProcessInstances, document.RootElement).ToQueryString();
        // SQLite's rendering declares the parameters' values first (".param set @p 'value'"); the statement follows.
        return string.Join('\n', text.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"processDefinitionId": "return-and-refund"}""", """{"processDefinitionId": "complaint-escalation"}""", "refund")]
    [InlineData("""{"processDefinitionId": {"$like": "ret*"}}""", """{"processDefinitionId": {"$like": "comp*"}}""", "ret")]
    [InlineData("""{"processDefinitionId": {"$in": ["a-1", "b-2"]}}""", """{"processDefinitionId": {"$in": ["c-3", "d-4"]}}""", "a-1")]
    [InlineData("""{"processDefinitionVersion": {"$gte": 734}}""", """{"processDefinitionVersion": {"$gte": 2}}""", "734")]
    [InlineData("""{"processInstanceKey": "2251799813685249"}""", """{"processInstanceKey": "2251799813685250"}""", "2251799813685249")]
    [InlineData("""{"startDate": {"$lt": "2031-05-06T07:08:09Z"}}""", """{"startDate": {"$lt": "2026-01-01T00:00:00Z"}}""", "2031")]
    [InlineData("""{"hasIncident": true, "processDefinitionId": {"$neq": "x'; DROP TABLE history; --"}}""", """{"hasIncident": true, "processDefinitionId": {"$neq": "y"}}""", "DROP")]
    public void Bug_filter_values_were_written_into_the_sql_as_literals(string one, string other, string value)
    {
        var first = Sql(one);

        Assert.Equal(first, Sql(other));
        Assert.DoesNotContain(value, first, StringComparison.Ordinal);
    }

    [Fact]
    public void The_case_scope_passes_the_callers_name_and_groups_as_parameters_and_finds_reviewed_cases_through_an_index()
    {
        using var reviewer = CaseScoped("quinn", "qa-reviewers");
        using var other = CaseScoped("x'; DROP TABLE history; --", "others");

        Assert.Equal(reviewer.CommandText, other.CommandText);
        Assert.DoesNotContain("quinn", reviewer.CommandText, StringComparison.Ordinal);
        Assert.DoesNotContain("qa-reviewers", reviewer.CommandText, StringComparison.Ordinal);
        reviewer.CommandText = "EXPLAIN QUERY PLAN " + reviewer.CommandText;
        _db.Database.OpenConnection();
        using var plan = reviewer.ExecuteReader();
        var steps = new List<string>();
        while (plan.Read())
        {
            steps.Add(plan.GetString(3));
        }

        // The tasks are scanned as before; the reviews' variables are looked up by their key, not scanned.
        Assert.Contains(steps, step => step.StartsWith("SEARCH v USING INDEX", StringComparison.Ordinal));
        Assert.DoesNotContain(steps, step => step.StartsWith("SCAN v", StringComparison.Ordinal));
    }

    /// <summary>The instances an agent with <paramref name="group"/> may read, as the command the database runs.</summary>
    private System.Data.Common.DbCommand CaseScoped(string name, string group)
    {
        var agent = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(TaskVisibility.GroupClaim, group), new Claim(Permissions.ClaimType, Permissions.CasesRead)], "test"));
        return _db.ProcessInstances.Readable(i => i.Key, _db, agent).CreateDbCommand();
    }

    [Theory]
    [InlineData("process-instances", """{"processDefinitionId": "a\u0000b"}""", "filter.processDefinitionId contains a NUL character")]
    [InlineData("user-tasks", """{"assignee": {"$in": ["ok", "b\u0000"]}}""", "filter.assignee.$in[1] contains a NUL character")]
    [InlineData("variables", """{"name": {"$like": "\u0000*"}}""", "filter.name.$like contains a NUL character")]
    [InlineData("process-instances", """{"businessKey": "K\u0000"}""", "filter.businessKey contains a NUL character")]
    public async Task Bug_a_nul_character_in_a_filter_was_a_500(string resource, string filter, string expected)
    {
        var response = await server.Client.PostAsync($"/v2/{resource}/search", new StringContent($$"""{"filter": {{filter}} }""", System.Text.Encoding.UTF8, "application/json"));

        var detail = await ApiAssert.Problem(response, 400, "INVALID_ARGUMENT");
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bug_a_variables_filter_of_1000_entries_was_a_500()
    {
        var entries = Enumerable.Range(0, 1000).Select(i => new { name = $"v{i}", value = "1" });

        var detail = await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/search", new { filter = new { variables = entries } }), 400, "INVALID_ARGUMENT");

        Assert.Contains("filter.variables has 1000 entries; at most 50", detail, StringComparison.Ordinal);
        await ApiAssert.OkJson(await server.PostAsync("/v2/process-instances/search", new { filter = new { variables = entries.Take(50) } }));
    }

    [Fact]
    public async Task An_in_list_longer_than_the_limit_is_a_400()
    {
        var keys = Enumerable.Range(1, 1001).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var detail = await ApiAssert.Problem(await server.PostAsync("/v2/process-instances/search", new { filter = new { processInstanceKey = new Dictionary<string, object> { ["$in"] = keys } } }), 400, "INVALID_ARGUMENT");

        Assert.Contains("lists 1001 values; at most 1000", detail, StringComparison.Ordinal);
        await ApiAssert.OkJson(await server.PostAsync("/v2/process-instances/search", new { filter = new { processInstanceKey = new Dictionary<string, object> { ["$in"] = keys.Take(1000) } } }));
    }
}
