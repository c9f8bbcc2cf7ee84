using System.Security.Claims;
using Orchestrator.Persistence.Store;
using Orchestrator.Engine;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Values;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Hosting;
using Orchestrator.Server.Limits;

using Orchestrator.Server.Auth;

namespace Orchestrator.Server.Api.Jobs;

/// <summary>Jobs: activation (long-polling), completion, failure, BPMN error, update.</summary>
public static class JobsApi
{
    /// <summary>How long an activation waits when the client leaves it to the server (<c>requestTimeout</c> 0 or absent).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Jobs also become activatable by time (a lease or a back-off ran out), which nobody signals: look again at least this often.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapJobsApi(this RouteGroupBuilder v2)
    {
        v2.MapPost("/jobs/activation", ActivateAsync).RequirePermission(Permissions.JobsWork);
        v2.MapPost("/jobs/{key}/completion", async (string key, CompleteJobRequest? request, EngineHost host) =>
        {
            var k = ApiValues.Key("jobKey", key);
            var adHoc = request?.Result?.Type == "adHocSubProcess" ? AdHocResult(request.Result) : null;
            var userTask = request?.Result is { } result && result.Type != "adHocSubProcess" ? UserTaskResult(result) : null;
            await host.RunAsync(engine => engine.CompleteJob(k, ApiValues.Of(request?.Variables), adHoc, userTask)).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.JobsWork);
        v2.MapPost("/jobs/{key}/failure", async (string key, FailJobRequest? request, EngineHost host) =>
        {
            var k = ApiValues.Key("jobKey", key);
            if (request?.Retries is < 0)
            {
                throw ApiException.Invalid($"retries {request.Retries} must not be negative");
            }

            var backOff = ApiValues.Milliseconds("retryBackOff", request?.RetryBackOff ?? 0);
            await host.RunAsync(engine => engine.FailJob(k, request?.Retries ?? 0, request?.ErrorMessage, backOff, ApiValues.Of(request?.Variables))).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.JobsWork);
        v2.MapPost("/jobs/{key}/error", async (string key, JobErrorRequest request, EngineHost host) =>
        {
            var k = ApiValues.Key("jobKey", key);
            if (string.IsNullOrWhiteSpace(request?.ErrorCode))
            {
                throw ApiException.Invalid("errorCode is required");
            }

            await host.RunAsync(engine => engine.ThrowJobError(k, request.ErrorCode, request.ErrorMessage, ApiValues.Of(request.Variables))).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.JobsWork);
        v2.MapPatch("/jobs/{key}", async (string key, UpdateJobRequest request, EngineHost host, ClaimsPrincipal user) =>
        {
            var k = ApiValues.Key("jobKey", key);
            if (request?.Changeset is not { } changeset || (changeset.Retries is null && changeset.Timeout is null))
            {
                throw ApiException.Invalid("changeset with retries and/or timeout is required");
            }

            if (changeset.Retries is < 0 || changeset.Timeout is < 0)
            {
                throw ApiException.Invalid("changeset.retries and changeset.timeout must not be negative");
            }

            var timeout = changeset.Timeout is { } ms ? ApiValues.Milliseconds("changeset.timeout", ms) : (TimeSpan?)null;
            await host.RunAsync(engine => engine.UpdateJob(k, changeset.Retries, timeout, CaseScope.Actor(user))).ConfigureAwait(false);
            return TypedResults.NoContent();
        }).RequirePermission(Permissions.JobsUpdate);
        return v2;
    }

    private static async Task<IResult> ActivateAsync(
        ActivateJobsRequest request, EngineHost host, JobSignals signals, IOptions<LimitsOptions> limits, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Type))
        {
            throw ApiException.Invalid("type is required");
        }

        if (request.MaxJobsToActivate is not > 0)
        {
            throw ApiException.Invalid($"maxJobsToActivate must be greater than 0 (was {request.MaxJobsToActivate?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "absent"})");
        }

        if (request.Timeout is not > 0)
        {
            throw ApiException.Invalid("timeout (the lease in milliseconds) must be greater than 0");
        }

        var lease = ApiValues.Milliseconds("timeout", request.Timeout.Value);

        foreach (var tenant in request.TenantIds ?? [])
        {
            ApiValues.CheckTenant(tenant);
        }

        // Capped, so that a client cannot hold a request (and its thread of work) open for as long as it likes.
        var wait = request.RequestTimeout switch
        {
            null or 0 => DefaultRequestTimeout,
            < 0 => TimeSpan.Zero,
            var ms => TimeSpan.FromMilliseconds(Math.Min(ms.Value, limits.Value.RequestTimeoutMaxMilliseconds)),
        };
        var deadline = DateTimeOffset.UtcNow + wait;
        var worker = string.IsNullOrEmpty(request.Worker) ? "default" : request.Worker;
        // No long poll to wake: jobs another node reported created before this request are taken into account first; a poll that
        // finds none then waits for a catch-up that starts after it came and looks once more, so a worker told by another node
        // that an instance was created gets its job here too (a fresh catch-up before every poll would cost each one 10 ms).
        var lookAgain = wait == TimeSpan.Zero && host.Registry.Shared;
        if (lookAgain)
        {
            await host.CaughtUpAsync(requestedOnly: true).ConfigureAwait(false);
        }
        else
        {
            // A long poll leaves another node's new jobs to that node's workers for a moment.
            DurableEngineStore.ActivationsWait();
        }

        while (true)
        {
            var signal = signals.Next(request.Type);
            IReadOnlyList<ActivatedJob> jobs;
            try
            {
                jobs = await host.RunAsync(engine => engine.ActivateJobs(request.Type, worker, lease,
                    request.MaxJobsToActivate.Value, request.FetchVariable)).ConfigureAwait(false);
            }
            catch (CommitConflictException)
            {
                // Other nodes kept taking the jobs this one reached for: none for now; the poll goes on as when there are none.
                jobs = [];
            }
            if (jobs.Count == 0 && lookAgain)
            {
                lookAgain = false;
                await host.CaughtUpAsync().ConfigureAwait(false);
                continue;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (jobs.Count > 0 || left <= TimeSpan.Zero)
            {
                return TypedResults.Ok(new ActivateJobsResponse(jobs.Select(Item).ToList()));
            }

            // A client that hung up ends the poll here; ProblemMiddleware records it as a 499, not a failure.
            try
            {
                await signal.WaitAsync(left < Recheck ? left : Recheck, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Look again: a lease or back-off may have run out.
            }
        }
    }

    // Camunda's names of job kinds and listener events, made once: every activated job carries both.
    private static readonly string[] KindNames = [.. Enum.GetNames<JobKind>().Select(RecordNames.Upper)];
    private static readonly string[] EventNames = [.. Enum.GetNames<ListenerEventType>().Select(RecordNames.Upper)];

    private static ActivatedJobItem Item(ActivatedJob job) => new(
        Json.Key(job.Key), job.Type, Json.Key(job.ProcessInstanceKey), Json.Key(job.ProcessDefinitionKey), job.BpmnProcessId,
        job.ProcessDefinitionVersion, job.ElementId, Json.Key(job.ElementInstanceKey), job.CustomHeaders, job.Worker, job.Retries,
        job.Deadline.ToUnixTimeMilliseconds(), job.Variables, ApiValues.Tenant,
        KindNames[(int)job.Kind], EventNames[(int)job.ListenerEventType],
        job.Kind == JobKind.TaskListener ? TaskOf(job.CustomHeaders) : null);

    /// <summary>A task listener's view of its user task, read from the headers the engine sets as Camunda does.</summary>
    private static ListenedUserTask TaskOf(IReadOnlyDictionary<string, string> headers)
    {
        string? Header(string name) => headers.TryGetValue("io.camunda.zeebe:" + name, out var value) ? value : null;
        IReadOnlyList<string> List(string name) =>
            Header(name) is { } json ? System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [] : [];
        return new ListenedUserTask(
            Header("action") ?? string.Empty, Header("assignee"), List("candidateGroups"), List("candidateUsers"), List("changedAttributes"),
            Header("dueDate"), Header("followUpDate"), Header("formKey"),
            int.TryParse(Header("priority"), System.Globalization.CultureInfo.InvariantCulture, out var priority) ? priority : 0, Header("userTaskKey") ?? string.Empty);
    }

    /// <summary>A task listener's job result (<c>type: "userTask"</c>, Camunda's default): a denial, or corrections by Camunda's attribute names.</summary>
    private static UserTaskJobResult UserTaskResult(JobResultRequest result)
    {
        if (result.Type is not (null or "userTask"))
        {
            throw ApiException.Invalid($"result.type '{result.Type}' is not supported; \"userTask\" or \"adHocSubProcess\" is");
        }

        var corrections = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
        if (result.Corrections is { } c)
        {
            FeelString Date(string name, string value) =>
                value.Length == 0 || DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _)
                    ? new FeelString(value)
                    : throw ApiException.Invalid($"result.corrections.{name} '{value}' is not an ISO 8601 date and time");
            void Set(string name, FeelValue? value)
            {
                if (value is not null)
                {
                    corrections[name] = value;
                }
            }

            Set("assignee", c.Assignee is null ? null : new FeelString(c.Assignee));
            Set("dueDate", c.DueDate is null ? null : Date("dueDate", c.DueDate));
            Set("followUpDate", c.FollowUpDate is null ? null : Date("followUpDate", c.FollowUpDate));
            Set("candidateGroupsList", c.CandidateGroups is null ? null : FeelList.OfStrings(c.CandidateGroups));
            Set("candidateUsersList", c.CandidateUsers is null ? null : FeelList.OfStrings(c.CandidateUsers));
            Set("priority", c.Priority is null ? null : new FeelNumber(c.Priority.Value));
        }

        return new UserTaskJobResult(result.Denied ?? false, result.DeniedReason, corrections);
    }

    /// <summary><c>POST /v2/jobs/activation</c>.</summary>
    public sealed record ActivateJobsRequest(
        string? Type, string? Worker, long? Timeout, int? MaxJobsToActivate, IReadOnlyList<string>? FetchVariable, long? RequestTimeout,
        IReadOnlyList<string>? TenantIds);

    /// <summary>The activated jobs.</summary>
    public sealed record ActivateJobsResponse(IReadOnlyList<ActivatedJobItem> Jobs);

    /// <summary>One activated job, as Camunda's workers expect it.</summary>
    public sealed record ActivatedJobItem(
        string JobKey, string Type, string ProcessInstanceKey, string ProcessDefinitionKey, string ProcessDefinitionId, int ProcessDefinitionVersion,
        string ElementId, string ElementInstanceKey, IReadOnlyDictionary<string, string> CustomHeaders, string Worker, int Retries, long Deadline,
        IReadOnlyDictionary<string, FeelValue> Variables, string TenantId, string Kind, string ListenerEventType, ListenedUserTask? UserTask);

    /// <summary>For a task listener's job: the user task as the change it listens to would leave it.</summary>
    public sealed record ListenedUserTask(
        string Action, string? Assignee, IReadOnlyList<string> CandidateGroups, IReadOnlyList<string> CandidateUsers, IReadOnlyList<string> ChangedAttributes,
        string? DueDate, string? FollowUpDate, string? FormKey, int Priority, string UserTaskKey);

    /// <summary><c>POST /v2/jobs/{key}/completion</c>.</summary>
    public sealed record CompleteJobRequest(Dictionary<string, FeelValue>? Variables, JobResultRequest? Result);

    /// <summary>
    /// Camunda's job result: <c>type: "adHocSubProcess"</c> (what an ad-hoc subprocess's worker decided) or <c>"userTask"</c>, the
    /// default (a task listener's denial or corrections).
    /// </summary>
    public sealed record JobResultRequest(
        string? Type, List<ActivateElementRequest?>? ActivateElements, bool? IsCompletionConditionFulfilled, bool? IsCancelRemainingInstances,
        bool? Denied, string? DeniedReason, TaskCorrections? Corrections);

    /// <summary>What a task listener corrects; null leaves a value, an empty string or list clears it.</summary>
    public sealed record TaskCorrections(
        string? Assignee, string? DueDate, string? FollowUpDate, IReadOnlyList<string>? CandidateUsers, IReadOnlyList<string>? CandidateGroups, int? Priority);

    /// <summary>An element an ad-hoc subprocess's worker activates, with its local variables.</summary>
    public sealed record ActivateElementRequest(string? ElementId, Dictionary<string, FeelValue>? Variables);

    private static AdHocJobResult AdHocResult(JobResultRequest result)
    {
        var elements = new List<AdHocActivation>();
        for (var i = 0; i < (result.ActivateElements?.Count ?? 0); i++)
        {
            var element = result.ActivateElements![i];
            elements.Add(new AdHocActivation(
                element?.ElementId is { Length: > 0 } id ? id : throw ApiException.Invalid($"result.activateElements[{i}].elementId is required"), element!.Variables));
        }

        return new AdHocJobResult(elements, result.IsCompletionConditionFulfilled ?? false, result.IsCancelRemainingInstances ?? false);
    }

    /// <summary><c>POST /v2/jobs/{key}/failure</c>.</summary>
    public sealed record FailJobRequest(int? Retries, string? ErrorMessage, long? RetryBackOff, Dictionary<string, FeelValue>? Variables);

    /// <summary><c>POST /v2/jobs/{key}/error</c>.</summary>
    public sealed record JobErrorRequest(string? ErrorCode, string? ErrorMessage, Dictionary<string, FeelValue>? Variables);

    /// <summary><c>PATCH /v2/jobs/{key}</c>.</summary>
    public sealed record UpdateJobRequest(JobChangeset? Changeset);

    /// <summary>What to change.</summary>
    public sealed record JobChangeset(int? Retries, long? Timeout);
}
