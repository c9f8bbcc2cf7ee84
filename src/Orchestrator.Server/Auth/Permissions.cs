namespace Orchestrator.Server.Auth;

/// <summary>
/// What a caller may do, each route requiring one (README has the matrix). A role grants a set of permissions; the
/// defaults below apply unless <c>Auth:Roles:{role}</c> lists the role's permissions instead (<c>*</c> for all).
/// </summary>
public static class Permissions
{
    /// <summary>The claim type a signed-in principal's permissions are carried in.</summary>
    public const string ClaimType = "permission";

    /// <summary>Read process definitions, their XML, forms, element templates and calendars; validate models.</summary>
    public const string DefinitionsRead = "definitions:read";

    /// <summary>Deploy processes and forms.</summary>
    public const string DefinitionsDeploy = "definitions:deploy";

    /// <summary>Start process instances.</summary>
    public const string InstancesCreate = "instances:create";

    /// <summary>Read every instance: its element instances, variables, incidents, history and statistics.</summary>
    public const string InstancesRead = "instances:read";

    /// <summary>Read the instances of the tasks one may see (and their variables, incidents and history), no others.</summary>
    public const string CasesRead = "cases:read";

    /// <summary>Cancel instances.</summary>
    public const string InstancesCancel = "instances:cancel";

    /// <summary>Activate inner elements of a running ad-hoc subprocess.</summary>
    public const string InstancesModify = "instances:modify";

    /// <summary>Set variables on running instances.</summary>
    public const string VariablesWrite = "variables:write";

    /// <summary>Resolve incidents.</summary>
    public const string IncidentsResolve = "incidents:resolve";

    /// <summary>Activate, complete and fail jobs, and throw BPMN errors from them (external workers).</summary>
    public const string JobsWork = "jobs:work";

    /// <summary>Change a job's retries and timeout (retrying a failed job).</summary>
    public const string JobsUpdate = "jobs:update";

    /// <summary>Publish and correlate messages.</summary>
    public const string MessagesPublish = "messages:publish";

    /// <summary>Broadcast signals.</summary>
    public const string SignalsBroadcast = "signals:broadcast";

    /// <summary>Work on the user tasks one may see: search, read, claim, unclaim, and complete those assigned to oneself.</summary>
    public const string TasksWork = "tasks:work";

    /// <summary>See and work on every user task: assign to anyone, complete whoever holds it.</summary>
    public const string TasksAll = "tasks:all";

    /// <summary>Change a user task's due date, priority and candidates.</summary>
    public const string TasksUpdate = "tasks:update";

    /// <summary>Read the dashboard and SLA figures.</summary>
    public const string DashboardRead = "dashboard:read";

    /// <summary>List the inbound webhooks the deployed models declare.</summary>
    public const string WebhooksRead = "webhooks:read";

    /// <summary>Move the server's clock (only when <c>Engine:ClockControl</c> is on).</summary>
    public const string ClockControl = "clock:control";

    /// <summary>Scrape the metrics.</summary>
    public const string MetricsRead = "metrics:read";

    /// <summary>Every permission.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        DefinitionsRead, DefinitionsDeploy, InstancesCreate, InstancesRead, CasesRead, InstancesCancel, InstancesModify, VariablesWrite, IncidentsResolve,
        JobsWork, JobsUpdate, MessagesPublish, SignalsBroadcast, TasksWork, TasksAll, TasksUpdate, DashboardRead, WebhooksRead, ClockControl, MetricsRead,
    ];

    /// <summary>What each role may do unless configured otherwise.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Defaults { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Roles.Admin] = All,
        [Roles.ProcessOwner] = [DefinitionsRead, DefinitionsDeploy, InstancesRead, DashboardRead, WebhooksRead],
        [Roles.Operator] =
        [
            DefinitionsRead, InstancesRead, InstancesCancel, InstancesModify, VariablesWrite, IncidentsResolve, JobsUpdate, TasksUpdate, DashboardRead, WebhooksRead,
            MetricsRead,
        ],
        [Roles.Agent] = [TasksWork, CasesRead, DashboardRead],
        // Not deploying: a leaked key must not change the processes; a deploy pipeline's key gets the process-owner role.
        // Activating ad-hoc elements is what a worker deciding an ad-hoc subprocess's next step does.
        [Roles.Integration] = [DefinitionsRead, InstancesCreate, InstancesRead, InstancesModify, MessagesPublish, SignalsBroadcast, JobsWork],
    };

    /// <summary>
    /// True when <paramref name="user"/> holds <paramref name="permission"/>. A caller that reached a handler without
    /// signing in did so under <c>Auth:Anonymous</c>, which acts as an admin.
    /// </summary>
    public static bool Has(System.Security.Claims.ClaimsPrincipal user, string permission)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated != true || user.HasClaim(ClaimType, permission);
    }
}
