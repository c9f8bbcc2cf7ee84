using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api.Search;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.ProcessDefinitions;

/// <summary>Deployed process versions: search, by key, XML.</summary>
public static class ProcessDefinitionsApi
{
    private static readonly SearchFields<ProcessDefinitionRow> Fields = new SearchFields<ProcessDefinitionRow>(d => d.Key)
        .Key("processDefinitionKey", d => d.Key)
        .Text("processDefinitionId", d => d.BpmnProcessId)
        .Text("name", d => d.Name)
        .Text("resourceName", d => d.ResourceName)
        .Number("version", d => d.Version)
        .Text("tenantId", _ => ApiValues.Tenant)
        .Custom("isLatestVersion", (query, value) => value.GetBoolean()
            ? query.Where(d => d.Version == query.Where(o => o.BpmnProcessId == d.BpmnProcessId).Max(o => o.Version))
            : query);

    public static RouteGroupBuilder MapProcessDefinitionsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/process-definitions/search", (SearchRequest? request, OrchestratorDbContext db, CancellationToken ct) =>
            Fields.RunAsync(db.ProcessDefinitions.AsNoTracking(), request, Item, ct)).RequirePermission(Permissions.DefinitionsRead);
        v2.MapGet("/process-definitions/{key}", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
            Item(await Find(db, key, ct).ConfigureAwait(false))).RequirePermission(Permissions.DefinitionsRead);
        v2.MapGet("/process-definitions/{key}/xml", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
            Results.Text((await Find(db, key, ct).ConfigureAwait(false)).Xml, "text/xml", System.Text.Encoding.UTF8)).RequirePermission(Permissions.DefinitionsRead);
        return v2;
    }

    private static async Task<ProcessDefinitionRow> Find(OrchestratorDbContext db, string key, CancellationToken ct)
    {
        var k = ApiValues.Key("processDefinitionKey", key);
        return await db.ProcessDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == k, ct).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"no process definition with key {key}");
    }

    private static ProcessDefinitionItem Item(ProcessDefinitionRow d) =>
        new(Json.Key(d.Key), d.BpmnProcessId, d.Name, d.ResourceName, d.Version, ApiValues.Tenant, false);

    /// <summary>A process definition as Camunda shows it.</summary>
    public sealed record ProcessDefinitionItem(
        string ProcessDefinitionKey, string ProcessDefinitionId, string? Name, string ResourceName, int Version, string TenantId, bool HasStartForm);
}
