using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Dmn;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>Copies live engine objects into rows (at commit) and rows back into live objects (at load).</summary>
internal static class RowMapper
{
    public static ProcessInstanceRow ToRow(ProcessInstance i) => new()
    {
        Key = i.Key,
        ProcessDefinitionKey = i.Definition.Key,
        BpmnProcessId = i.Definition.BpmnProcessId,
        Version = i.Definition.Version,
        ProcessName = i.Definition.Name,
        State = StoredNames<LifecycleState>.Upper(i.State),
        StartDate = i.StartDate,
        EndDate = i.EndDate,
        ParentInstanceKey = i.ParentInstanceKey,
        ParentElementInstanceKey = i.ParentElementInstanceKey,
        MessageCorrelationKey = i.MessageCorrelationKey,
        HasIncident = i.HasIncident,
        Revision = i.Revision,
        Elements = StateSnapshots.WriteElements(i),
    };

    /// <summary>
    /// The columns of an instance's row that change as it runs (its elements' state, its own, an incident, the revision); its
    /// definition (key, process id, version, name) changes only when it migrates, which writes the whole row, and its start,
    /// parent and message correlation key never.
    /// </summary>
    public static readonly string[] InstanceProgress =
    [
        nameof(ProcessInstanceRow.State), nameof(ProcessInstanceRow.EndDate), nameof(ProcessInstanceRow.HasIncident),
        nameof(ProcessInstanceRow.Revision), nameof(ProcessInstanceRow.Elements),
    ];

    /// <summary>
    /// The instance of <paramref name="row"/>, its element instances' variables taken from their rows. A snapshot written by
    /// an older version may hold variables that have no row (a multi-instance's <c>loopCounter</c> and item were kept only
    /// there): those are taken from the snapshot and, when <paramref name="legacy"/> is given, added to it to be written as rows.
    /// </summary>
    public static ProcessInstance FromRow(ProcessInstanceRow row, ProcessDefinition definition, IEnumerable<VariableRow> variables, List<VariableRow>? legacy = null)
    {
        var instance = new ProcessInstance
        {
            Key = row.Key,
            Definition = definition,
            StartDate = row.StartDate,
            EndDate = row.EndDate,
            State = StoredNames<LifecycleState>.Read(row.State, "process_instances.State"),
            ParentInstanceKey = row.ParentInstanceKey,
            ParentElementInstanceKey = row.ParentElementInstanceKey,
            MessageCorrelationKey = row.MessageCorrelationKey,
            Revision = row.Revision,
        };
        var byScope = new Dictionary<long, Dictionary<string, FeelValue>>();
        foreach (var variable in variables)
        {
            if (!byScope.TryGetValue(variable.ScopeKey, out var scope))
            {
                byScope[variable.ScopeKey] = scope = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            }

            scope[variable.Name] = FeelJson.FromJson(variable.Value);
        }

        foreach (var (scopeKey, kept) in StateSnapshots.LegacyVariables(row.Elements))
        {
            if (!byScope.TryGetValue(scopeKey, out var scope))
            {
                byScope[scopeKey] = scope = new Dictionary<string, FeelValue>(StringComparer.Ordinal);
            }

            foreach (var (name, value) in kept.Where(v => !scope.ContainsKey(v.Key)))
            {
                scope[name] = value;
                legacy?.Add(new VariableRow { ScopeKey = scopeKey, Name = name, ProcessInstanceKey = row.Key, Value = FeelJson.ToJsonString(value) });
            }
        }

        StateSnapshots.ReadElements(instance, row.Elements, byScope);
        return instance;
    }

    public static JobRow ToRow(Job j)
    {
        var row = ToLeaseRow(j);
        row.Type = j.Type;
        row.ProcessInstanceKey = j.ProcessInstanceKey;
        row.ElementInstanceKey = j.ElementInstanceKey;
        row.ElementId = j.ElementId;
        row.ProcessDefinitionKey = j.Definition.Key;
        row.BpmnProcessId = j.Definition.BpmnProcessId;
        row.Version = j.Definition.Version;
        row.CustomHeaders = JsonSerializer.Serialize(j.CustomHeaders);
        row.Kind = StoredNames<JobKind>.Upper(j.Kind);
        row.ListenerEventType = StoredNames<ListenerEventType>.Upper(j.ListenerEventType);
        return row;
    }

    /// <summary>
    /// The columns of a job's row its commands change — activation, completion, failure, a lease running out, a retry — and
    /// with them all but a migration (its element and version), which writes the whole row: a job's type, instance, element
    /// instance and headers never change.
    /// </summary>
    public static readonly string[] JobLease =
    [
        nameof(JobRow.State), nameof(JobRow.Worker), nameof(JobRow.Deadline), nameof(JobRow.Retries), nameof(JobRow.RetryAt),
        nameof(JobRow.ErrorMessage), nameof(JobRow.ErrorCode), nameof(JobRow.FailureVariables),
    ];

    /// <summary>A job's row with only the <see cref="JobLease"/> columns (and its key) filled: what its patch writes; <see cref="ToRow(Job)"/> fills the rest.</summary>
    public static JobRow ToLeaseRow(Job j) => new()
    {
        Key = j.Key,
        Type = "",
        ElementId = "",
        BpmnProcessId = "",
        CustomHeaders = "",
        Retries = j.Retries,
        State = StoredNames<JobState>.Name(j.State),
        Worker = j.Worker,
        Deadline = j.Deadline,
        RetryAt = j.RetryAt,
        ErrorMessage = j.ErrorMessage,
        ErrorCode = j.ErrorCode,
        FailureVariables = j.FailureVariables is null ? null : WriteVariables(j.FailureVariables),
    };

    public static Job FromRow(JobRow row, ProcessDefinition definition) => new()
    {
        Key = row.Key,
        Type = row.Type,
        ProcessInstanceKey = row.ProcessInstanceKey,
        ElementInstanceKey = row.ElementInstanceKey,
        ElementId = row.ElementId,
        Definition = definition,
        CustomHeaders = JsonSerializer.Deserialize<Dictionary<string, string>>(row.CustomHeaders) ?? [],
        Retries = row.Retries,
        Kind = StoredNames<JobKind>.Read(row.Kind, "jobs.Kind"),
        ListenerEventType = StoredNames<ListenerEventType>.Read(row.ListenerEventType, "jobs.ListenerEventType"),
        State = StoredNames<JobState>.Read(row.State, "jobs.State"),
        Worker = row.Worker,
        Deadline = row.Deadline,
        RetryAt = row.RetryAt,
        ErrorMessage = row.ErrorMessage,
        ErrorCode = row.ErrorCode,
        FailureVariables = row.FailureVariables is null ? null : ReadVariables(row.FailureVariables),
    };

    public static UserTaskRow ToRow(UserTask t) => new()
    {
        Key = t.Key,
        ProcessInstanceKey = t.ProcessInstanceKey,
        ElementInstanceKey = t.ElementInstanceKey,
        ElementId = t.ElementId,
        Name = t.Name,
        ProcessDefinitionKey = t.Definition.Key,
        BpmnProcessId = t.Definition.BpmnProcessId,
        Version = t.Definition.Version,
        State = StoredNames<UserTaskState>.Upper(t.State),
        Assignee = t.Assignee,
        CandidateGroups = WriteList(t.CandidateGroups),
        CandidateUsers = WriteList(t.CandidateUsers),
        DueDate = t.DueDate,
        FollowUpDate = t.FollowUpDate,
        Priority = t.Priority,
        FormId = t.FormId,
        FormKey = t.FormKey,
        ExternalFormReference = t.ExternalFormReference,
        CreationDate = t.CreationDate,
        CompletionDate = t.CompletionDate,
    };

    public static UserTask FromRow(UserTaskRow row, ProcessDefinition definition) => new()
    {
        Key = row.Key,
        ProcessInstanceKey = row.ProcessInstanceKey,
        ElementInstanceKey = row.ElementInstanceKey,
        ElementId = row.ElementId,
        Name = row.Name,
        Definition = definition,
        State = StoredNames<UserTaskState>.Read(row.State, "user_tasks.State"),
        Assignee = row.Assignee,
        CandidateGroups = ReadList(row.CandidateGroups),
        CandidateUsers = ReadList(row.CandidateUsers),
        DueDate = row.DueDate,
        FollowUpDate = row.FollowUpDate,
        Priority = row.Priority,
        FormId = row.FormId,
        FormKey = row.FormKey,
        ExternalFormReference = row.ExternalFormReference,
        CreationDate = row.CreationDate,
        CompletionDate = row.CompletionDate,
    };

    public static SubscriptionRow ToRow(Subscription s) => new()
    {
        Key = s.Key,
        Kind = StoredNames<EventKind>.Name(s.Kind),
        ProcessDefinitionKey = s.Definition.Key,
        ProcessInstanceKey = s.ProcessInstanceKey,
        ElementInstanceKey = s.ElementInstanceKey,
        CatchElementId = s.CatchElement.Id,
        Name = s.Name,
        CorrelationKey = s.CorrelationKey,
        DueDate = s.DueDate,
        RepetitionsLeft = s.RepetitionsLeft,
        Schedule = StateSnapshots.WriteSchedule(s),
    };

    public static Subscription FromRow(SubscriptionRow row, ProcessDefinition definition)
    {
        var subscription = new Subscription
        {
            Key = row.Key,
            Kind = StoredNames<EventKind>.Read(row.Kind, "subscriptions.Kind"),
            Definition = definition,
            ProcessInstanceKey = row.ProcessInstanceKey,
            ElementInstanceKey = row.ElementInstanceKey,
            CatchElement = StateSnapshots.Node(definition.Model, row.CatchElementId),
            Name = row.Name,
            CorrelationKey = row.CorrelationKey,
            DueDate = row.DueDate,
            RepetitionsLeft = row.RepetitionsLeft,
        };
        return row.Schedule is null ? subscription : StateSnapshots.RestoreSchedule(subscription, row.Schedule);
    }

    public static MessageRow ToRow(Message m) => new()
    {
        Key = m.Key,
        Name = m.Name,
        CorrelationKey = m.CorrelationKey,
        MessageId = m.MessageId,
        Variables = WriteVariables(m.Variables),
        ExpiresAt = m.ExpiresAt,
        CorrelatedProcesses = JsonSerializer.Serialize(m.CorrelatedProcesses),
        CorrelatedInstances = JsonSerializer.Serialize(m.CorrelatedInstances),
        Revision = m.Revision,
    };

    public static Message FromRow(MessageRow row)
    {
        var message = new Message
        {
            Key = row.Key,
            Name = row.Name,
            CorrelationKey = row.CorrelationKey,
            MessageId = row.MessageId,
            Variables = ReadVariables(row.Variables),
            ExpiresAt = row.ExpiresAt,
            Revision = row.Revision,
        };
        message.CorrelatedProcesses.UnionWith(JsonSerializer.Deserialize<string[]>(row.CorrelatedProcesses) ?? []);
        message.CorrelatedInstances.UnionWith(JsonSerializer.Deserialize<long[]>(row.CorrelatedInstances) ?? []);
        return message;
    }

    public static IncidentRow ToRow(Incident i) => new()
    {
        Key = i.Key,
        Type = StoredNames<IncidentType>.Name(i.Type),
        ErrorMessage = i.ErrorMessage,
        ProcessInstanceKey = i.ProcessInstanceKey,
        ElementInstanceKey = i.ElementInstanceKey,
        ElementId = i.ElementId,
        ProcessDefinitionKey = i.Definition.Key,
        BpmnProcessId = i.Definition.BpmnProcessId,
        JobKey = i.JobKey,
        CreationTime = i.CreationTime,
        State = i.State == LifecycleState.Active ? "ACTIVE" : "RESOLVED",
    };

    public static Incident FromRow(IncidentRow row, ProcessDefinition definition) => new()
    {
        Key = row.Key,
        Type = StoredNames<IncidentType>.Read(row.Type, "incidents.Type"),
        ErrorMessage = row.ErrorMessage,
        ProcessInstanceKey = row.ProcessInstanceKey,
        ElementInstanceKey = row.ElementInstanceKey,
        ElementId = row.ElementId,
        Definition = definition,
        JobKey = row.JobKey,
        CreationTime = row.CreationTime,
        State = row.State == "ACTIVE" ? LifecycleState.Active : LifecycleState.Completed,
    };

    public static ProcessDefinitionRow ToRow(ProcessDefinition d) => new()
    {
        Key = d.Key,
        BpmnProcessId = d.BpmnProcessId,
        Version = d.Version,
        Name = d.Name,
        ResourceName = d.ResourceName,
        Xml = d.Xml,
        DeploymentKey = d.DeploymentKey,
        Checksum = d.Checksum,
    };

    public static FormRow ToRow(FormDefinition f) => new()
    {
        Key = f.Key,
        FormId = f.FormId,
        Version = f.Version,
        ResourceName = f.ResourceName,
        Schema = f.Schema,
        DeploymentKey = f.DeploymentKey,
        Checksum = f.Checksum,
    };

    public static FormDefinition FromRow(FormRow row) => new()
    {
        Key = row.Key,
        FormId = row.FormId,
        Version = row.Version,
        ResourceName = row.ResourceName,
        Schema = row.Schema,
        DeploymentKey = row.DeploymentKey,
        Checksum = row.Checksum,
    };

    public static DecisionRequirementsRow ToRow(DecisionRequirements r) => new()
    {
        Key = r.Key,
        DecisionRequirementsId = r.DecisionRequirementsId,
        Name = r.Name,
        Version = r.Version,
        ResourceName = r.ResourceName,
        Xml = r.Xml,
        DeploymentKey = r.DeploymentKey,
        Checksum = r.Checksum,
    };

    public static DecisionDefinitionRow ToRow(DecisionDefinition d) => new()
    {
        Key = d.Key,
        DecisionId = d.DecisionId,
        Name = d.Name,
        Version = d.Version,
        Logic = d.Logic,
        VersionTag = d.VersionTag,
        DecisionRequirementsKey = d.Requirements.Key,
        DecisionRequirementsId = d.Requirements.DecisionRequirementsId,
        DeploymentKey = d.Requirements.DeploymentKey,
    };

    /// <summary>A stored DMN model version with its decisions; the XML is parsed again (a model that no longer parses throws).</summary>
    public static DecisionRequirements FromRows(DecisionRequirementsRow row, IEnumerable<DecisionDefinitionRow> decisions, DmnEngine dmn)
    {
        var requirements = new DecisionRequirements
        {
            Key = row.Key,
            DecisionRequirementsId = row.DecisionRequirementsId,
            Name = row.Name,
            Version = row.Version,
            ResourceName = row.ResourceName,
            Xml = row.Xml,
            DeploymentKey = row.DeploymentKey,
            Checksum = row.Checksum,
            Model = dmn.Parse(row.ResourceName, row.Xml),
        };
        requirements.Decisions.AddRange(decisions.OrderBy(d => d.Key).Select(d => new DecisionDefinition
        {
            Key = d.Key,
            DecisionId = d.DecisionId,
            Name = d.Name,
            Version = d.Version,
            Logic = d.Logic,
            VersionTag = d.VersionTag,
            Requirements = requirements,
        }));
        return requirements;
    }

    /// <summary>The decision instances of an evaluation: one per decision evaluated (the asked one last), or one failed instance.</summary>
    public static IEnumerable<DecisionInstanceRow> ToRows(DecisionEvaluation evaluation)
    {
        var root = evaluation.Decision;
        var index = 0;
        foreach (var decision in evaluation.Result?.Decisions ?? evaluation.EvaluatedBeforeFailure)
        {
            index++;
            var definition = root.Requirements.Decisions.FirstOrDefault(d => d.DecisionId == decision.Id) ?? root;
            var inputs = new JsonArray([.. decision.Inputs.Select(i => (JsonNode)new JsonObject
            {
                ["inputId"] = i.Id,
                ["inputName"] = i.Label,
                ["inputValue"] = FeelJson.ToJsonString(i.Value),
            })]);
            var rules = new JsonArray([.. decision.MatchedRules.Select(r => (JsonNode)new JsonObject
            {
                ["ruleId"] = r.Id,
                ["ruleIndex"] = r.Index,
                ["evaluatedOutputs"] = new JsonArray([.. r.Outputs.Select(o => (JsonNode)new JsonObject
                {
                    ["outputId"] = o.Id,
                    ["outputName"] = o.Name,
                    ["outputValue"] = FeelJson.ToJsonString(o.Value),
                })]),
            })]);
            yield return Instance(evaluation, index, definition, "EVALUATED", FeelJson.ToJsonString(decision.Result), inputs.ToJsonString(), rules.ToJsonString());
        }

        if (evaluation.Result is null)
        {
            // The failed decision last, as Camunda records it: the one that failed, not necessarily the one asked for.
            var failed = root.Requirements.Decisions.FirstOrDefault(d => d.DecisionId == evaluation.FailedDecisionId) ?? root;
            yield return Instance(evaluation, index + 1, failed, "FAILED", "null", "[]", "[]");
        }
    }

    /// <summary>Camunda's name of a decision's logic kind.</summary>
    public static string DecisionType(string logic) => logic switch
    {
        "decisionTable" => "DECISION_TABLE",
        "literalExpression" => "LITERAL_EXPRESSION",
        _ => "UNSPECIFIED",
    };

    private static DecisionInstanceRow Instance(DecisionEvaluation evaluation, int index, DecisionDefinition decision, string state, string result, string inputs, string rules) => new()
    {
        Key = evaluation.InstanceKeys[Math.Min(index, evaluation.InstanceKeys.Count) - 1],
        InstanceId = evaluation.Key.ToString(CultureInfo.InvariantCulture) + "-" + index.ToString(CultureInfo.InvariantCulture),
        EvaluationKey = evaluation.Key,
        Index = index,
        DecisionDefinitionKey = decision.Key,
        DecisionId = decision.DecisionId,
        DecisionName = decision.Name,
        DecisionVersion = decision.Version,
        DecisionType = DecisionType(decision.Logic),
        RootDecisionDefinitionKey = evaluation.Decision.Key,
        DecisionRequirementsKey = decision.Requirements.Key,
        State = state,
        EvaluationDate = evaluation.Date,
        Failure = state == "FAILED" ? evaluation.Failure : null,
        Result = result,
        Inputs = inputs,
        MatchedRules = rules,
        ProcessInstanceKey = evaluation.ProcessInstanceKey,
        ProcessDefinitionKey = evaluation.ProcessDefinitionKey,
        ElementInstanceKey = evaluation.ElementInstanceKey,
        ElementId = evaluation.ElementId,
    };

    /// <summary>Candidate lists are stored as <c>|a|b|</c> so <c>LIKE '%|a|%'</c> matches one entry exactly.</summary>
    public static string WriteList(IReadOnlyList<string> items) => items.Count == 0 ? "" : "|" + string.Join('|', items) + "|";

    public static IReadOnlyList<string> ReadList(string text) => text.Split('|', StringSplitOptions.RemoveEmptyEntries);

    public static string WriteVariables(IReadOnlyDictionary<string, FeelValue> variables) =>
        FeelJson.ToJsonString(new FeelContext(variables.Select(p => KeyValuePair.Create(p.Key, p.Value))));

    public static Dictionary<string, FeelValue> ReadVariables(string json) =>
        FeelJson.FromJson(json) is FeelContext context
            ? context.Entries.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
            : new Dictionary<string, FeelValue>(StringComparer.Ordinal);
}
