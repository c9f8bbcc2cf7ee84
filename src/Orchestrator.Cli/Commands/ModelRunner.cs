using System.Text.Json;
using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.InMemory;
using Orchestrator.Engine.State;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// <c>orchestrator run</c>: deploys one model in memory, starts an instance on a virtual clock and
/// prints the path it takes. A script (a JSON array of steps) completes jobs and user tasks,
/// publishes messages, throws errors, fails jobs, broadcasts signals, resolves incidents and moves
/// the clock; see the README for the step forms.
/// </summary>
internal sealed class ModelRunner(TextWriter output)
{
    private readonly VirtualClock _clock = new(new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryEngineStore _store = new();
    private long _printed;
    private DateTimeOffset _start;

    /// <returns>0 when every step ran, 1 when the model or a step was refused.</returns>
    public int Run(string file, string? variablesJson, string? scriptFile)
    {
        var engine = new WorkflowEngine(_store, _clock);
        _start = _clock.Now;
        try
        {
            var deployment = engine.Deploy([new DeploymentResource(Path.GetFileName(file), File.ReadAllText(file))]);
            var process = deployment.Processes[0];
            var variables = variablesJson is null ? null : ToVariables(FeelJson.FromJson(variablesJson), "--variables");
            output.WriteLine($"deployed {process.BpmnProcessId} version {process.Version}");
            var instance = engine.CreateInstance(process.Key, variables);
            PrintNew();
            if (scriptFile is not null)
            {
                using var script = JsonDocument.Parse(File.ReadAllText(scriptFile));
                if (script.RootElement.ValueKind != JsonValueKind.Array)
                {
                    throw new ScriptException("the script must be a JSON array of steps");
                }

                var index = 0;
                foreach (var step in script.RootElement.EnumerateArray())
                {
                    index++;
                    output.WriteLine($"-- step {index}: {step.GetRawText()}");
                    Step(engine, step, index);
                    PrintNew();
                }
            }

            Summarize(instance);
            return 0;
        }
        catch (DeploymentException ex)
        {
            foreach (var problem in ex.Problems)
            {
                output.WriteLine(problem.ToString());
            }
        }
        catch (Exception ex) when (ex is EngineException or ScriptException or JsonException or IOException or UnauthorizedAccessException)
        {
            PrintNew();
            output.WriteLine($"error: {ex.Message}");
        }

        return 1;
    }

    private void Step(WorkflowEngine engine, JsonElement step, int index)
    {
        if (step.ValueKind != JsonValueKind.Object)
        {
            throw new ScriptException($"step {index} must be an object");
        }

        var variables = step.TryGetProperty("variables", out var v) ? ToVariables(FeelJson.FromJson(v), $"step {index} variables") : null;
        if (Text(step, "completeJob") is { } completeType)
        {
            engine.CompleteJob(Activate(engine, completeType, index).Key, variables);
        }
        else if (Text(step, "failJob") is { } failType)
        {
            var retries = step.TryGetProperty("retries", out var r) && r.TryGetInt32(out var n) ? n : 0;
            engine.FailJob(Activate(engine, failType, index).Key, retries, Text(step, "message"), default, variables);
        }
        else if (Text(step, "throwError") is { } errorType)
        {
            var code = Text(step, "errorCode") ?? throw new ScriptException($"step {index}: throwError needs an errorCode");
            engine.ThrowJobError(Activate(engine, errorType, index).Key, code, Text(step, "message"), variables);
        }
        else if (Text(step, "completeUserTask") is { } elementId)
        {
            var task = _store.UserTasks.FirstOrDefault(t => t.ElementId == elementId && t.State == UserTaskState.Created)
                ?? throw new ScriptException($"step {index}: no open user task '{elementId}'");
            engine.CompleteUserTask(task.Key, variables);
        }
        else if (Text(step, "publishMessage") is { } name)
        {
            var ttl = Text(step, "timeToLive") is { } t ? Duration(t, index) : TimeSpan.Zero;
            engine.PublishMessage(name, Text(step, "correlationKey") ?? string.Empty, ttl, Text(step, "messageId"), variables);
        }
        else if (Text(step, "signal") is { } signal)
        {
            engine.BroadcastSignal(signal, variables);
        }
        else if (Text(step, "advance") is { } advance)
        {
            _clock.MoveTo(_clock.Now + Duration(advance, index));
            engine.FireDueTimers();
        }
        else if (step.TryGetProperty("resolveIncidents", out _))
        {
            foreach (var incident in _store.Incidents.Where(i => i.State == LifecycleState.Active).ToList())
            {
                if (incident.JobKey is { } jobKey && _store.GetJob(jobKey) is { Retries: <= 0 })
                {
                    engine.UpdateJobRetries(jobKey, 1);
                }

                engine.ResolveIncident(incident.Key);
            }
        }
        else
        {
            throw new ScriptException($"step {index} has no known action (completeJob, failJob, throwError, completeUserTask, publishMessage, signal, advance, resolveIncidents)");
        }
    }

    private static ActivatedJob Activate(WorkflowEngine engine, string type, int index)
    {
        var jobs = engine.ActivateJobs(type, "orchestrator-run", TimeSpan.FromMinutes(5), 1);
        return jobs.Count > 0 ? jobs[0] : throw new ScriptException($"step {index}: no job of type '{type}' is waiting");
    }

    private static string? Text(JsonElement step, string name) =>
        step.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan Duration(string text, int index) =>
        FeelTemporal.TryParse(text, out var value) && value is FeelDaysTimeDuration d
            ? d.Value
            : throw new ScriptException($"step {index}: '{text}' is not an ISO 8601 duration such as PT1H");

    private static Dictionary<string, FeelValue> ToVariables(FeelValue value, string what) =>
        value is FeelContext context
            ? context.Entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)
            : throw new ScriptException($"{what} must be a JSON object");

    private void PrintNew()
    {
        var records = _store.Instances.SelectMany(i => _store.History(i.Key)).Where(r => r.Position > _printed).OrderBy(r => r.Position).ToList();
        foreach (var record in records)
        {
            _printed = record.Position;
            if (record.Intent is RecordIntent.ElementActivating or RecordIntent.SequenceFlowTaken || record.ValueType == RecordValueType.Variable)
            {
                continue;
            }

            var at = record.Timestamp - _start;
            var what = record.ValueType == RecordValueType.Element ? RecordNames.Of(record.Intent) : $"{RecordNames.Of(record.ValueType)}_{RecordNames.Of(record.Intent)}";
            output.WriteLine($"  +{(int)at.TotalHours:00}:{at.Minutes:00} {what,-22} {record.ElementId} {(record.Detail is null ? string.Empty : $"({record.Detail})")}".TrimEnd());
        }
    }

    private void Summarize(ProcessInstance instance)
    {
        output.WriteLine($"state: {instance.State.ToString().ToLowerInvariant()}");
        output.WriteLine($"variables: {FeelJson.ToJsonString(new FeelContext(instance.Root!.Variables ?? []))}");
        foreach (var job in _store.Jobs.Where(j => j.State is JobState.Activatable or JobState.Activated))
        {
            output.WriteLine($"waiting: job '{job.Type}' at {job.ElementId}");
        }

        foreach (var task in _store.UserTasks.Where(t => t.State == UserTaskState.Created))
        {
            output.WriteLine($"waiting: user task at {task.ElementId}{(task.CandidateGroups.Count > 0 ? $" for {string.Join(", ", task.CandidateGroups)}" : string.Empty)}");
        }

        foreach (var subscription in _store.Subscriptions.Where(s => s.ProcessInstanceKey is not null))
        {
            var what = subscription.Kind == Engine.Model.EventKind.Timer ? $"timer due +{(subscription.DueDate - _start).TotalHours:0.##}h" : $"{subscription.Kind.ToString().ToLowerInvariant()} '{subscription.Name}'";
            output.WriteLine($"waiting: {what} at {subscription.CatchElement.Id}");
        }

        foreach (var incident in _store.Incidents.Where(i => i.State == LifecycleState.Active))
        {
            output.WriteLine($"incident: {incident.Type} at {incident.ElementId}: {incident.ErrorMessage}");
        }
    }

    private sealed class ScriptException(string message) : Exception(message);
}
