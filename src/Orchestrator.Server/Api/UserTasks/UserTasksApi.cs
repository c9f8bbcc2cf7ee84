using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Server.Api.Search;
using Orchestrator.Server.Api.Variables;
using Orchestrator.Server.Auth;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Api.UserTasks;

/// <summary>User tasks: search, get, assign, unassign, complete, update, form. A user sees and works on only the tasks <see cref="TaskVisibility"/> allows.</summary>
public static class UserTasksApi
{
    private static readonly SearchFields<UserTaskRow> Fields = new SearchFields<UserTaskRow>(t => t.Key)
        .Key("userTaskKey", t => t.Key)
        // Camunda's FAILED is never stored here: it matches nothing, as a state no task is in.
        .OneOf("state", t => t.State, [.. Enum.GetNames<UserTaskState>().Select(RecordNames.Upper), "FAILED"])
        .Text("assignee", t => t.Assignee)
        .Custom("candidateGroup", (query, value) => query.Where(ListContains(value, "candidateGroup", t => t.CandidateGroups)))
        .Custom("candidateUser", (query, value) => query.Where(ListContains(value, "candidateUser", t => t.CandidateUsers)))
        .Key("processInstanceKey", t => t.ProcessInstanceKey)
        .Key("processDefinitionKey", t => t.ProcessDefinitionKey)
        .Text("processDefinitionId", t => t.BpmnProcessId)
        .Text("bpmnProcessId", t => t.BpmnProcessId)
        .Text("elementId", t => t.ElementId)
        .Key("elementInstanceKey", t => t.ElementInstanceKey)
        .Text("name", t => t.Name)
        .Number("priority", t => t.Priority)
        .Date("dueDate", t => t.DueDate)
        .Date("followUpDate", t => t.FollowUpDate)
        .Date("creationDate", t => t.CreationDate)
        .Date("completionDate", t => t.CompletionDate)
        .Text("tenantId", _ => ApiValues.Tenant);

    public static RouteGroupBuilder MapUserTasksApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/user-tasks/search", (SearchRequest? request, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
            Fields.RunAsync(TaskVisibility.Visible(db.UserTasks.AsNoTracking(), user), request, t => Item(t, host), ct)).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapGet("/user-tasks/{key}", async (string key, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
            Item(await Find(db, key, user, ct).ConfigureAwait(false), host)).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapPost("/user-tasks/{key}/assignment", async (string key, AssignRequest request, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var task = await Find(db, key, user, ct).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(request?.Assignee))
            {
                throw ApiException.Invalid("assignee is required");
            }

            var seesAll = TaskVisibility.SeesAll(user);
            if (!seesAll && request.Assignee != user.Identity!.Name)
            {
                throw ApiException.Forbidden($"you may assign task {key} only to yourself");
            }

            // The checks run inside the engine's command, so two claims racing for one task cannot both win; only those who
            // see all tasks may take one from someone else.
            var state = await host.RunAsync(engine => engine.AssignUserTask(task.Key, request.Assignee, seesAll && (request.AllowOverride ?? true), Requester(user)))
                .ConfigureAwait(false);
            await TaskListenerOutcome.AwaitAsync(state, $"Assignment of the User Task with key '{task.Key}'", host.Database, ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapDelete("/user-tasks/{key}/assignee", async (string key, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var task = await Find(db, key, user, ct).ConfigureAwait(false);
            var state = await host.RunAsync(engine => engine.AssignUserTask(task.Key, null, requester: Requester(user))).ConfigureAwait(false);
            await TaskListenerOutcome.AwaitAsync(state, $"Assignment of the User Task with key '{task.Key}'", host.Database, ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapPost("/user-tasks/{key}/completion", async (string key, CompleteTaskRequest? request, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var task = await Find(db, key, user, ct).ConfigureAwait(false);
            var variables = ApiValues.Of(request?.Variables);
            var allowed = TaskVisibility.SeesAll(user) ? null : await FormAllowsAsync(db, task, variables, ct).ConfigureAwait(false);
            var state = await host.RunAsync(engine => engine.CompleteUserTask(task.Key, variables, Requester(user), allowed)).ConfigureAwait(false);
            await TaskListenerOutcome.AwaitAsync(state, $"Completion of the User Task with key '{task.Key}'", host.Database, ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapPatch("/user-tasks/{key}", async (string key, UpdateTaskRequest? request, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
        {
            // Changing a task's schedule and candidates is an operator's work on any task, not an agent's on theirs.
            var task = await Find(db, key, user, ct, anyTask: true).ConfigureAwait(false);
            var change = request?.Changeset ?? new TaskChangeset(null, null, null, null, null);
            if (change.Priority is < 0 or > 100)
            {
                throw ApiException.Invalid($"changeset.priority {change.Priority} must be between 0 and 100");
            }

            var state = await host.RunAsync(engine => engine.UpdateUserTask(task.Key, change.DueDate, change.FollowUpDate, change.Priority, change.CandidateGroups, change.CandidateUsers))
                .ConfigureAwait(false);
            await TaskListenerOutcome.AwaitAsync(state, $"Update of the User Task with key '{task.Key}'", host.Database, ct).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.TasksUpdate);
        v2.MapPost("/user-tasks/{key}/variables/search", async (string key, SearchRequest? request, bool? truncateValues, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (variables, _) = await TaskScopesAsync(db, key, host, user, ct).ConfigureAwait(false);
            return await VariablesApi.SearchAsync(variables, request, truncateValues, ct).ConfigureAwait(false);
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapPost("/user-tasks/{key}/effective-variables/search", async (string key, SearchRequest? request, bool? truncateValues, OrchestratorDbContext db, EngineHost host, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var (variables, scopes) = await TaskScopesAsync(db, key, host, user, ct).ConfigureAwait(false);
            // Each name once, from the innermost scope that has it: a scope's variables whose names no scope inside it has.
            var effective = variables.Where(v => v.ScopeKey == scopes[0]);
            for (var depth = 1; depth < scopes.Count; depth++)
            {
                var scope = scopes[depth];
                var inner = scopes.Take(depth).ToList();
                effective = effective.Concat(variables.Where(v => v.ScopeKey == scope && !variables.Any(w => w.Name == v.Name && inner.Contains(w.ScopeKey))));
            }

            return await VariablesApi.SearchAsync(effective, request, truncateValues, ct).ConfigureAwait(false);
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        v2.MapGet("/user-tasks/{key}/form", async (string key, OrchestratorDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var task = await Find(db, key, user, ct).ConfigureAwait(false);
            if (task.FormKey is not { } formKey || await db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Key == formKey, ct).ConfigureAwait(false) is not { } form)
            {
                return Results.NoContent();
            }

            return Results.Ok(new FormItem(Json.Key(form.Key), form.FormId, form.Schema, form.Version, ApiValues.Tenant));
        }).RequirePermission(Permissions.TasksWork, Permissions.TasksAll);
        return v2;
    }

    /// <summary>
    /// An agent (who works on their own tasks only) completes a task with what its form asks for, as the task list sends it: the
    /// variables its fields set (<see cref="FormFields"/>; a task without a form, none), each with a value its field offers and
    /// allows. Anything else would let them change what the case is about — its customer, its order, its amounts (a compensation
    /// no offer holds) — and read what that opens to them (another customer's profile). Checked in the completion's command, after
    /// whether the task is theirs, with the variables the task sees. A task whose form lives elsewhere
    /// (<c>externalFormReference</c>) is the shop's own application's business. Null when nothing is to be checked.
    /// </summary>
    private static async Task<Func<IReadOnlyDictionary<string, FeelValue>, string?>?> FormAllowsAsync(
        OrchestratorDbContext db, UserTaskRow task, IReadOnlyDictionary<string, FeelValue>? variables, CancellationToken ct)
    {
        if (variables is not { Count: > 0 } submitted || task.ExternalFormReference is not null)
        {
            return null;
        }

        var form = task.FormKey is { } formKey
            ? await db.Forms.AsNoTracking().Where(f => f.Key == formKey).Select(f => new { f.FormId, f.Schema }).FirstOrDefaultAsync(ct).ConfigureAwait(false)
            : null;
        if (form is null)
        {
            return Refuse($"user task {task.Key} has no form: you may complete it without variables, not set {Names(submitted.Keys)}");
        }

        var fields = FormFields.Of(form.Schema);
        var others = submitted.Keys.Where(name => !fields.Variables.Contains(name)).ToList();
        if (others.Count > 0)
        {
            return Refuse(fields.Variables.Count == 0
                ? $"user task {task.Key}'s form '{form.FormId}' asks for nothing: you may complete it without variables, not set {Names(others)}"
                : $"you may set only the fields of user task {task.Key}'s form '{form.FormId}' ({string.Join(", ", fields.Variables)}), not {Names(others)}");
        }

        return visible => fields.Check(submitted, visible) is { } problem ? $"user task {task.Key}'s form '{form.FormId}': {problem}" : null;

        static Func<IReadOnlyDictionary<string, FeelValue>, string?> Refuse(string refusal) => _ => refusal;

        static string Names(IEnumerable<string> names)
        {
            var sorted = names.Order(StringComparer.Ordinal).ToList();
            return string.Join(", ", sorted.Take(10)) + (sorted.Count > 10 ? $" and {sorted.Count - 10} more" : "");
        }
    }

    /// <summary>
    /// The variables a task sees (those of its element instance and every enclosing scope, as the engine holds the instance; its
    /// own scope and its instance's when the instance has ended) and those scopes, inner first — for a caller who may see the task.
    /// </summary>
    private static async Task<(IQueryable<VariableRow> Variables, IReadOnlyList<long> Scopes)> TaskScopesAsync(
        OrchestratorDbContext db, string key, EngineHost host, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await Find(db, key, user, ct).ConfigureAwait(false);
        var scopes = host.Engine.ScopesOf(task.ProcessInstanceKey, task.ElementInstanceKey) ?? [task.ElementInstanceKey, task.ProcessInstanceKey];
        var instance = task.ProcessInstanceKey;
        return (db.Variables.AsNoTracking().Readable(v => v.ProcessInstanceKey, db, user).Where(v => v.ProcessInstanceKey == instance && scopes.Contains(v.ScopeKey)), scopes);
    }

    /// <summary>Who must hold a task to change or complete it: the caller, unless they may work on every task (then anyone may).</summary>
    private static string? Requester(ClaimsPrincipal user) => TaskVisibility.SeesAll(user) ? null : user.Identity!.Name;

    private static async Task<UserTaskRow> Find(OrchestratorDbContext db, string key, ClaimsPrincipal user, CancellationToken ct, bool anyTask = false)
    {
        var k = ApiValues.Key("userTaskKey", key);
        var task = await db.UserTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Key == k, ct).ConfigureAwait(false);
        return task is not null && (anyTask || TaskVisibility.MayWorkOn(task, user)) ? task : throw ApiException.NotFound($"no user task with key {key}");
    }

    private static System.Linq.Expressions.Expression<Func<UserTaskRow, bool>> ListContains(
        JsonElement value, string name, System.Linq.Expressions.Expression<Func<UserTaskRow, string>> list)
    {
        var entry = value.ValueKind == JsonValueKind.String ? value.GetString()!
            : value.ValueKind == JsonValueKind.Object && value.TryGetProperty("$eq", out var eq) && eq.ValueKind == JsonValueKind.String ? eq.GetString()!
            : throw ApiException.Invalid($"filter.{name} must be a string (or {{\"$eq\": string}})");
        var pattern = TaskVisibility.ListEntryPattern(entry);
        var row = list.Parameters[0];
        var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
        return System.Linq.Expressions.Expression.Lambda<Func<UserTaskRow, bool>>(
            System.Linq.Expressions.Expression.Call(like, System.Linq.Expressions.Expression.Constant(EF.Functions), list.Body,
                QueryParameter.Of(pattern), System.Linq.Expressions.Expression.Constant(TaskVisibility.LikeEscape)),
            row);
    }

    private static UserTaskItem Item(UserTaskRow t, EngineHost host)
    {
        var headers = host.Engine.Store.Definitions.GetByKey(t.ProcessDefinitionKey)?.Model.Elements.GetValueOrDefault(t.ElementId)?.Headers
            ?? new Dictionary<string, string>();
        return new UserTaskItem(
            Json.Key(t.Key), t.Name ?? t.ElementId, t.State, t.Assignee, t.ElementId, Json.Key(t.ElementInstanceKey),
            RowList(t.CandidateGroups), RowList(t.CandidateUsers), t.BpmnProcessId, Json.Key(t.ProcessDefinitionKey), t.Version,
            Json.Key(t.ProcessInstanceKey), Json.Key(t.FormKey), t.CreationDate, t.CompletionDate, t.DueDate, t.FollowUpDate, t.Priority,
            t.ExternalFormReference, headers, ApiValues.Tenant);
    }

    private static string[] RowList(string text) => text.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A user task as Camunda shows it.</summary>
    public sealed record UserTaskItem(
        string UserTaskKey, string Name, string State, string? Assignee, string ElementId, string ElementInstanceKey,
        IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, string ProcessDefinitionId, string ProcessDefinitionKey,
        int ProcessDefinitionVersion, string ProcessInstanceKey, string? FormKey, DateTimeOffset CreationDate, DateTimeOffset? CompletionDate,
        DateTimeOffset? DueDate, DateTimeOffset? FollowUpDate, int Priority, string? ExternalFormReference, IReadOnlyDictionary<string, string> CustomHeaders,
        string TenantId);

    /// <summary><c>POST /v2/user-tasks/{key}/assignment</c>.</summary>
    public sealed record AssignRequest(string? Assignee, bool? AllowOverride, string? Action);

    /// <summary><c>POST /v2/user-tasks/{key}/completion</c>.</summary>
    public sealed record CompleteTaskRequest(Dictionary<string, FeelValue>? Variables, string? Action);

    /// <summary><c>PATCH /v2/user-tasks/{key}</c>.</summary>
    public sealed record UpdateTaskRequest(TaskChangeset? Changeset, string? Action);

    /// <summary>What to change on a task.</summary>
    public sealed record TaskChangeset(
        DateTimeOffset? DueDate, DateTimeOffset? FollowUpDate, IReadOnlyList<string>? CandidateGroups, IReadOnlyList<string>? CandidateUsers, int? Priority);

    /// <summary>A task's linked form.</summary>
    public sealed record FormItem(string FormKey, string FormId, string Schema, int Version, string TenantId);
}
