using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Api;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Limits;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Ui;

/// <summary>
/// What the web UI needs beyond <c>/v2</c>: validating a model before deploying it (problems per element), element
/// templates, business calendars, an instance's history timeline and per-element statistics, and dashboard figures.
/// </summary>
public static class UiApi
{
    public static RouteGroupBuilder MapUiApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").RequireAuthorization(Auth.AuthExtensions.ApiPolicy);
        api.MapPost("/models/validate", ValidateAsync).RequirePermission(Permissions.DefinitionsRead).AcceptsModels(app);
        api.MapGet("/element-templates", TemplatesAsync).RequirePermission(Permissions.DefinitionsRead);
        api.MapGet("/calendars", (BusinessCalendars calendars) => TypedResults.Ok(calendars.All.Values
            .Select(c => new { name = c.Name, timeZone = c.Zone.Id, summary = c.ToString() }).OrderBy(c => c.name, StringComparer.Ordinal))).RequirePermission(Permissions.DefinitionsRead, Permissions.DashboardRead, Permissions.TasksWork);
        api.MapGet("/process-instances/{key}/history", HistoryAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        api.MapGet("/process-instances/{key}/statistics", StatisticsAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        api.MapGet("/dashboard", Dashboard.ComputeAsync).RequirePermission(Permissions.DashboardRead);
        api.MapGet("/forms", async (OrchestratorDbContext db, CancellationToken ct) => TypedResults.Ok((await db.Forms.AsNoTracking()
            .OrderBy(f => f.FormId).ThenByDescending(f => f.Version).Select(f => new { f.Key, f.FormId, f.Version, f.ResourceName }).ToListAsync(ct).ConfigureAwait(false))
            .Select(f => new FormVersion(Json.Key(f.Key), f.FormId, f.Version, f.ResourceName)))).RequirePermission(Permissions.DefinitionsRead);
        api.MapGet("/forms/{key}", async (string key, OrchestratorDbContext db, CancellationToken ct) =>
        {
            var k = ApiValues.Key("formKey", key);
            var form = await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Key == k, ct).ConfigureAwait(false) ?? throw ApiException.NotFound($"no form with key {key}");
            return TypedResults.Ok(new Api.UserTasks.UserTasksApi.FormItem(Json.Key(form.Key), form.FormId, form.Schema, form.Version, ApiValues.Tenant));
        }).RequirePermission(Permissions.DefinitionsRead);
        return api;
    }

    private static async Task<IResult> ValidateAsync(HttpRequest request, EngineHost host, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        string xml;
        var name = "model.bpmn";
        var formsAlongside = new HashSet<string>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await Multipart.ReadAsync(request, ct).ConfigureAwait(false);
            var file = (form.Files.Count > 0 ? form.Files[0] : null) ?? throw ApiException.Invalid("send the model as a multipart file or as the request body (application/xml)");
            name = Path.GetFileName(file.FileName);
            xml = await Multipart.ReadTextAsync(file, limits, ct).ConfigureAwait(false);
            foreach (var other in form.Files.Skip(1).Where(f => f.FileName.EndsWith(".form", StringComparison.OrdinalIgnoreCase)))
            {
                if (FormIdOf(await Multipart.ReadTextAsync(other, limits, ct).ConfigureAwait(false)) is { } id)
                {
                    formsAlongside.Add(id);
                }
            }
        }
        else
        {
            xml = await Multipart.Utf8TextAsync(name, request.Body, ct).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(xml))
        {
            throw ApiException.Invalid("the model is empty");
        }

        if (name.EndsWith(".dmn", StringComparison.OrdinalIgnoreCase))
        {
            IReadOnlyList<Dmn.DmnProblem> problems = [];
            IReadOnlyList<string> decisions = [];
            try
            {
                decisions = [.. host.Engine.Dmn.Parse(name, xml).Decisions.Where(d => !d.IsService).Select(d => d.Id)];
            }
            catch (Dmn.DmnValidationException ex)
            {
                problems = ex.Problems;
            }

            return TypedResults.Ok(new
            {
                valid = problems.Count == 0,
                processes = Array.Empty<string>(),
                decisions,
                problems = problems.Select(p => new { elementId = p.ElementId, line = p.Line, column = 0, message = p.Message }),
            });
        }

        var result = BpmnParser.Parse(xml, name, host.Engine.Feel);
        var definitions = host.Engine.Store.Definitions;
        var missingForms = result.Processes.SelectMany(p => p.Elements.Values)
            .Where(e => e.UserTask?.FormId is { } formId && !formsAlongside.Contains(formId) && definitions.GetLatestForm(formId) is null)
            .Select(e => new { elementId = (string?)e.Id, line = e.Line, column = 0, message = $"form '{e.UserTask!.FormId}' is not deployed" })
            .ToList();
        return TypedResults.Ok(new
        {
            valid = result.IsValid && missingForms.Count == 0,
            processes = result.Processes.Select(p => p.BpmnProcessId),
            decisions = Array.Empty<string>(),
            problems = result.Problems.Select(p => new { elementId = p.ElementId, line = p.Line, column = p.Column, message = p.Message }).Concat(missingForms),
        });
    }

    /// <summary>The id of a form file sent along with a model (the form a user task may link), or null when it has none.</summary>
    private static string? FormIdOf(string schema)
    {
        try
        {
            return JsonNode.Parse(schema) is JsonObject form && form["id"] is JsonValue id && id.TryGetValue<string>(out var value) && value.Length > 0 ? value : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<IResult> TemplatesAsync(ServerOptions options, CancellationToken ct)
    {
        var folder = Path.Combine(WorkflowDeployer.Folder(options) ?? "", "templates");
        var templates = new JsonArray();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var node = JsonNode.Parse(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false));
                if (node is JsonArray many)
                {
                    foreach (var item in many)
                    {
                        templates.Add(item?.DeepClone());
                    }
                }
                else if (node is not null)
                {
                    templates.Add(node);
                }
            }
        }

        return Results.Json(templates);
    }

    /// <summary>
    /// The instance's history records in order; <c>elementName</c> is the element's name in the model (not for variables, whose
    /// <c>elementId</c> is the variable's name). An operator's action (<c>OPERATION</c>) also names its <c>actor</c>, and a
    /// migration its versions (<c>migration</c>), so that the UI words them in the reader's language; <c>detail</c> keeps the
    /// recorded text.
    /// </summary>
    private static async Task<Ok<IEnumerable<HistoryItem>>> HistoryAsync(string key, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct)
    {
        var k = ApiValues.Key("processInstanceKey", key);
        var definitionKey = await db.ProcessInstances.Readable(i => i.Key, db, user).Where(i => i.Key == k).Select(i => (long?)i.ProcessDefinitionKey).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"no process instance with key {key}");
        var elements = host.Engine.Store.Definitions.GetByKey(definitionKey)?.Model.Elements;
        var records = await HistoryBlocks.ReadAsync(db, [k], ct).ConfigureAwait(false);
        return TypedResults.Ok(records.Select(h =>
        {
            var (actor, what) = h.ValueType == RecordValueType.Operation && h.Detail is { } detail ? OperationAudit.Split(detail) : (null, null);
            return new HistoryItem(
                Json.Key(h.Position), h.Timestamp, Json.Key(h.Key), RecordNames.Of(h.ValueType), RecordNames.Of(h.Intent), h.ElementId,
                h.ValueType == RecordValueType.Variable || h.ElementId is null ? null : elements?.GetValueOrDefault(h.ElementId)?.Name,
                h.Detail, actor, h.Intent == RecordIntent.Migrated ? MigrationAudit.Parse(what) : null);
        }));
    }

    private static async Task<IResult> StatisticsAsync(string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var k = ApiValues.Key("processInstanceKey", key);
        if (!await db.ProcessInstances.Readable(i => i.Key, db, user).AnyAsync(i => i.Key == k, ct).ConfigureAwait(false))
        {
            throw ApiException.NotFound($"no process instance with key {key}");
        }

        var elements = await db.ElementInstances.AsNoTracking().Where(e => e.ProcessInstanceKey == k)
            .GroupBy(e => new { e.ElementId, e.State }).Select(g => new { g.Key.ElementId, g.Key.State, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        var incidents = await db.Incidents.AsNoTracking().Where(i => i.ProcessInstanceKey == k && i.State == "ACTIVE")
            .GroupBy(i => i.ElementId).Select(g => new { ElementId = g.Key, Count = g.Count() }).ToListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(elements.Select(e => e.ElementId).Concat(incidents.Select(i => i.ElementId)).Distinct().Order(StringComparer.Ordinal).Select(id => new
        {
            elementId = id,
            active = elements.Where(e => e.ElementId == id && e.State == "ACTIVE").Sum(e => e.Count),
            completed = elements.Where(e => e.ElementId == id && e.State == "COMPLETED").Sum(e => e.Count),
            terminated = elements.Where(e => e.ElementId == id && e.State == "TERMINATED").Sum(e => e.Count),
            incidents = incidents.Where(i => i.ElementId == id).Sum(i => i.Count),
        }));
    }

    /// <summary>One deployed version of a form (<c>GET /api/forms</c>: every version, newest first per form id).</summary>
    public sealed record FormVersion(string FormKey, string FormId, int Version, string ResourceName);

    /// <summary>
    /// One record of an instance's history (<c>GET /api/process-instances/{key}/history</c>); <c>Actor</c> is who did it, for an
    /// operator's action (<c>OPERATION</c>), and <c>Migration</c> the versions a migration (<c>OPERATION</c> <c>MIGRATED</c>)
    /// went from and to.
    /// </summary>
    public sealed record HistoryItem(
        string Position, DateTimeOffset Timestamp, string Key, string ValueType, string Intent, string? ElementId, string? ElementName, string? Detail,
        string? Actor, MigrationAudit? Migration);
}
