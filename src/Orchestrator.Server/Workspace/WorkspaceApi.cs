using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Connectors.Customers;
using Orchestrator.Connectors.Notify;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Sla;

namespace Orchestrator.Server.Workspace;

/// <summary>
/// The agent workspace beyond <c>/v2</c>: the task list's rows (each task's case facts and SLA in one call, so the list never
/// reads variables task by task), a case's customer and their other cases, internal notes on a case, and reply templates
/// from the notification catalogue rendered with the case's variables. Every route answers only for tasks and cases the
/// caller may see (<see cref="TaskVisibility"/>, <see cref="CaseScope"/>): others are left out or are 404, as in <c>/v2</c>.
/// </summary>
public static partial class WorkspaceApi
{
    private const int MaxTasks = 1000;
    private const int MaxOtherCases = 50;
    private const int MaxSubjectLength = 140;

    public static RouteGroupBuilder MapWorkspaceApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api").RequireAuthorization(AuthExtensions.ApiPolicy);
        api.MapPost("/user-tasks/rows", RowsAsync).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        api.MapGet("/process-instances/{key}/notes", NotesAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        api.MapPost("/process-instances/{key}/notes", AddNoteAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        api.MapGet("/process-instances/{key}/customer", CustomerAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        api.MapGet("/process-instances/{key}/reply-templates", ReplyTemplatesAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        api.MapGet("/process-instances/{key}/reply-templates/{template}", ReplyAsync).RequirePermission(Permissions.InstancesRead, Permissions.CasesRead);
        return api;
    }

    /// <summary>The variables a row or the case panel reads: the case's id, customer, subject, channel and language as the shipped workflows name them.</summary>
    private static readonly string[] FactVariables =
    [
        "complaintId", "caseId", "orderId", "customerId", "customerName", "address", "customer",
        "subject", "issue", "returnReason", "description", "channel", "language",
    ];

    private static async Task<TaskRowsResponse> RowsAsync(TaskRowsRequest? request, OrchestratorDbContext db, SlaClock slaClock, BusinessCalendars calendars,
        ControllableClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var keys = (request?.UserTaskKeys ?? throw ApiException.Invalid("userTaskKeys is required"))
            .Select((k, i) => ApiValues.Key($"userTaskKeys[{i}]", k)).ToList();
        if (keys.Count > MaxTasks)
        {
            throw ApiException.Invalid($"userTaskKeys holds {keys.Count} keys; ask for at most {MaxTasks} at a time");
        }

        var tasks = await TaskVisibility.Visible(db.UserTasks.AsNoTracking(), user).Where(t => keys.Contains(t.Key))
            .Select(t => new { t.Key, t.ProcessInstanceKey, t.ProcessDefinitionKey, t.ElementId, t.State, t.Priority, t.CreationDate, t.DueDate })
            .ToListAsync(ct).ConfigureAwait(false);
        var instances = tasks.Select(t => t.ProcessInstanceKey).Distinct().ToList();
        var facts = await FactsAsync(db, instances, ct).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        return new TaskRowsResponse([.. tasks.Select(t =>
        {
            var f = facts.GetValueOrDefault(t.ProcessInstanceKey) ?? CaseFacts.None;
            TaskRowSla? sla = null;
            if (t.DueDate is { } due && t.State != "COMPLETED" && t.State != "CANCELED")
            {
                var calendar = slaClock.CalendarOfTask(t.ProcessDefinitionKey, t.ElementId);
                var standing = slaClock.Standing(t.CreationDate, due, now, calendar);
                var allowed = slaClock.Standing(t.CreationDate, due, t.CreationDate, calendar).Left;
                sla = new TaskRowSla(due, standing.State, standing.Calendar, calendar?.Zone.Id ?? calendars.All.Values.FirstOrDefault()?.Zone.Id ?? "UTC",
                    (long)Math.Ceiling(standing.Left.TotalMinutes), (long)Math.Floor(standing.Late.TotalMinutes), (long)Math.Ceiling(allowed.TotalMinutes));
            }

            return new TaskRow(Json.Key(t.Key), Json.Key(t.ProcessInstanceKey), f.BusinessKey, f.CustomerId, f.CustomerName, f.Subject, f.Channel, f.Language, t.Priority, sla);
        })]);
    }

    /// <summary>The case facts of each instance, from its root-scope variables.</summary>
    private static async Task<Dictionary<long, CaseFacts>> FactsAsync(OrchestratorDbContext db, IReadOnlyCollection<long> instances, CancellationToken ct)
    {
        var variables = await db.Variables.AsNoTracking()
            .Where(v => instances.Contains(v.ProcessInstanceKey) && v.ScopeKey == v.ProcessInstanceKey && FactVariables.Contains(v.Name))
            .Select(v => new { v.ProcessInstanceKey, v.Name, v.Value }).ToListAsync(ct).ConfigureAwait(false);
        return variables.GroupBy(v => v.ProcessInstanceKey)
            .ToDictionary(g => g.Key, g => CaseFacts.Of(g.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal), MaxSubjectLength));
    }

    /// <summary>The instance's key when the caller may read it; 404 otherwise (as <c>/api/process-instances/{key}/history</c>).</summary>
    private static async Task<ProcessInstanceRow> ReadableInstanceAsync(string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var k = ApiValues.Key("processInstanceKey", key);
        return await db.ProcessInstances.AsNoTracking().Readable(i => i.Key, db, user).FirstOrDefaultAsync(i => i.Key == k, ct).ConfigureAwait(false)
            ?? throw ApiException.NotFound($"no process instance with key {key}");
    }

    private static async Task<CaseNotesResponse> NotesAsync(string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var instance = await ReadableInstanceAsync(key, db, user, ct).ConfigureAwait(false);
        var notes = await db.CaseNotes.AsNoTracking().Where(n => n.ProcessInstanceKey == instance.Key)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct).ConfigureAwait(false);
        return new CaseNotesResponse([.. notes.Select(Note)]);
    }

    private static async Task<IResult> AddNoteAsync(string key, NewCaseNote? request, OrchestratorDbContext db, ControllableClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var instance = await ReadableInstanceAsync(key, db, user, ct).ConfigureAwait(false);
        var text = request?.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw ApiException.Invalid("text is required: write the note");
        }

        if (text.Length > CaseNoteRow.MaxTextLength)
        {
            throw ApiException.Invalid($"text holds {text.Length} characters; a note holds at most {CaseNoteRow.MaxTextLength}");
        }

        var author = CaseScope.Actor(user);
        var note = new CaseNoteRow
        {
            ProcessInstanceKey = instance.Key,
            Author = author.Length > CaseNoteRow.MaxAuthorLength ? author[..CaseNoteRow.MaxAuthorLength] : author,
            Text = text,
            CreatedAt = clock.GetUtcNow(),
        };
        db.CaseNotes.Add(note);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return TypedResults.Created($"/api/process-instances/{key}/notes", Note(note));
    }

    private static CaseNote Note(CaseNoteRow n) => new(Json.Key(n.Id), Json.Key(n.ProcessInstanceKey), n.Author, n.Text, n.CreatedAt);

    private static async Task<CaseCustomer> CustomerAsync(string key, OrchestratorDbContext db, IServiceProvider services, ClaimsPrincipal user,
        ILoggerFactory logs, CancellationToken ct)
    {
        var instance = await ReadableInstanceAsync(key, db, user, ct).ConfigureAwait(false);
        var facts = (await FactsAsync(db, [instance.Key], ct).ConfigureAwait(false)).GetValueOrDefault(instance.Key) ?? CaseFacts.None;
        if (facts.CustomerId is null)
        {
            return new CaseCustomer(null, null, null, [], 0);
        }

        CustomerRecord? record = null;
        var api = services.GetService<ICustomersApi>();
        if (api is not null)
        {
            try
            {
                var c = await api.GetCustomerAsync(facts.CustomerId, ct).ConfigureAwait(false);
                record = new CustomerRecord(c.CustomerId, c.Name, c.Tier, c.TrustLevel, c.Language, c.PreferredChannel, c.Country);
            }
            catch (Exception e) when (e is Refit.ApiException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // The panel still shows the case's own facts and the other cases when the customers API is down or does not know the id.
                var logger = logs.CreateLogger(typeof(WorkspaceApi));
                NoCustomer(logger, e, facts.CustomerId);
            }
        }

        // The customer id is compared as the variable stores it (JSON text), so the variables' index on (instance, name) finds it.
        var stored = JsonSerializer.Serialize(facts.CustomerId);
        var others = db.Variables.AsNoTracking().Where(v => v.Name == "customerId" && v.ScopeKey == v.ProcessInstanceKey && v.Value == stored && v.ProcessInstanceKey != instance.Key)
            .Select(v => v.ProcessInstanceKey);
        var all = db.ProcessInstances.AsNoTracking().Where(i => others.Contains(i.Key) && i.ParentInstanceKey == null);

        // Only the cases the caller may open are named; of the others (another team's), only how many there are.
        var visible = all.Readable(i => i.Key, db, user);
        var cases = await visible.OrderByDescending(i => i.StartDate).Take(MaxOtherCases)
            .Select(i => new { i.Key, i.BpmnProcessId, i.ProcessName, i.State, i.StartDate }).ToListAsync(ct).ConfigureAwait(false);
        var hidden = await all.CountAsync(ct).ConfigureAwait(false) - await visible.CountAsync(ct).ConfigureAwait(false);
        var caseFacts = await FactsAsync(db, [.. cases.Select(c => c.Key)], ct).ConfigureAwait(false);
        return new CaseCustomer(facts.CustomerId, record?.Name ?? facts.CustomerName, record, [.. cases.Select(c => new OtherCase(
            Json.Key(c.Key), caseFacts.GetValueOrDefault(c.Key)?.BusinessKey, c.BpmnProcessId, c.ProcessName, c.State, c.StartDate))], hidden);
    }

    private static async Task<ReplyTemplatesResponse> ReplyTemplatesAsync(string key, OrchestratorDbContext db, IServiceProvider services, ClaimsPrincipal user, CancellationToken ct)
    {
        var instance = await ReadableInstanceAsync(key, db, user, ct).ConfigureAwait(false);
        var catalogue = services.GetService<NotificationCatalogue>();
        var language = (await FactsAsync(db, [instance.Key], ct).ConfigureAwait(false)).GetValueOrDefault(instance.Key)?.Language ?? NotificationCatalogue.FallbackLanguage;
        if (catalogue is null)
        {
            return new ReplyTemplatesResponse(language, []);
        }

        var subtag = language.Split('-')[0];
        return new ReplyTemplatesResponse(language, [.. catalogue.Files.GroupBy(f => f.Template, StringComparer.Ordinal).Select(g =>
        {
            var file = g.FirstOrDefault(f => f.Language == language) ?? g.FirstOrDefault(f => f.Language == subtag) ?? g.FirstOrDefault(f => f.Language == NotificationCatalogue.FallbackLanguage);
            return file is null ? null : new ReplyTemplate(g.Key, file.Language);
        }).OfType<ReplyTemplate>().OrderBy(t => t.Template, StringComparer.Ordinal)]);
    }

    private static async Task<RenderedReply> ReplyAsync(string key, string template, OrchestratorDbContext db, IServiceProvider services, ClaimsPrincipal user, CancellationToken ct)
    {
        var instance = await ReadableInstanceAsync(key, db, user, ct).ConfigureAwait(false);
        var catalogue = services.GetService<NotificationCatalogue>() ?? throw ApiException.NotFound("no notification catalogue is configured");
        var variables = await db.Variables.AsNoTracking().Where(v => v.ProcessInstanceKey == instance.Key && v.ScopeKey == instance.Key)
            .Select(v => new { v.Name, v.Value }).ToListAsync(ct).ConfigureAwait(false);
        var values = new FeelContext(variables.Select(v => new KeyValuePair<string, FeelValue>(v.Name, StoredValues.Read(v.Value))));
        var language = values.Entries.FirstOrDefault(e => e.Key == "language").Value is FeelString { Value.Length: > 0 } l ? l.Value : NotificationCatalogue.FallbackLanguage;
        var customerId = values.Entries.FirstOrDefault(e => e.Key == "customerId").Value is FeelString c ? c.Value : "";
        try
        {
            var message = catalogue.Render(template, language, values, customerId, null) ?? throw ApiException.NotFound($"no reply template {template}");
            return new RenderedReply(message.Template, message.Language, message.Subject, message.Body);
        }
        catch (NotificationTemplateException e)
        {
            throw ApiException.Conflict(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The customers API gave no customer {CustomerId}")]
    private static partial void NoCustomer(ILogger logger, Exception exception, string customerId);
}
