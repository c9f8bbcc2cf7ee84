using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orchestrator.Engine.Execution;
using Orchestrator.Engine.State;

namespace Orchestrator.Server.Telemetry;

/// <summary>
/// The server's instruments on the meter <see cref="MeterName"/>: engine commands, jobs, incidents, timers and SLA
/// events, counted where the server learns of them (<see cref="Hosting.EngineHost"/> and its engine observer, the SLA
/// monitor). Tags stay low in cardinality: command names, job types, process ids, never keys.
/// </summary>
public sealed class OrchestratorMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Orchestrator.Server";

    private const string CommandTag = "engine.command";
    private const string ErrorTag = "error.type";
    private const string JobTypeTag = "job.type";
    private const string ProcessTag = "bpmn.process_id";

    private readonly Histogram<double> _commandDuration;
    private readonly Counter<long> _jobsActivated;
    private readonly Counter<long> _jobsCompleted;
    private readonly Counter<long> _jobsFailed;
    private readonly Counter<long> _jobErrors;
    private readonly Counter<long> _incidents;
    private readonly Counter<long> _timersFired;
    private readonly Counter<long> _slaWarnings;
    private readonly Counter<long> _slaBreaches;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/>.</summary>
    public OrchestratorMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _commandDuration = meter.CreateHistogram(
            "orchestrator.engine.command.duration", "s", "Engine commands and how long each took until durable (its _count is the number of commands).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _jobsActivated = meter.CreateCounter<long>("orchestrator.jobs.activated", "{job}", "Jobs leased to a worker.");
        _jobsCompleted = meter.CreateCounter<long>("orchestrator.jobs.completed", "{job}", "Jobs completed by a worker.");
        _jobsFailed = meter.CreateCounter<long>("orchestrator.jobs.failed", "{job}", "Jobs a worker reported as failed.");
        _jobErrors = meter.CreateCounter<long>("orchestrator.jobs.errors", "{job}", "BPMN errors thrown by workers.");
        _incidents = meter.CreateCounter<long>("orchestrator.incidents.created", "{incident}", "Incidents opened.");
        _timersFired = meter.CreateCounter<long>("orchestrator.timers.fired", "{timer}", "Timers that fired.");
        _slaWarnings = meter.CreateCounter<long>("orchestrator.sla.warnings", "{event}", "SLA warnings recorded (a share of the time used).");
        _slaBreaches = meter.CreateCounter<long>("orchestrator.sla.breaches", "{event}", "SLA breaches recorded (a task or instance past its due date).");
    }

    /// <summary>One engine command ran, until durable; <paramref name="failure"/> when it was refused or failed.</summary>
    public void CommandRan(string command, TimeSpan duration, Exception? failure)
    {
        var tags = new TagList { { CommandTag, command } };
        if (failure is not null)
        {
            tags.Add(ErrorTag, ErrorType(failure));
        }

        _commandDuration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>The <c>error.type</c> of a failed command: the engine's reason, or the exception's type.</summary>
    public static string ErrorType(Exception failure) => failure switch
    {
        EngineException engine => RecordNames.Upper(engine.Error.ToString()),
        _ => failure.GetType().Name,
    };

    /// <summary>A job was leased.</summary>
    public void JobActivated(Job job) => _jobsActivated.Add(1, JobTags(job));

    /// <summary>A job was completed.</summary>
    public void JobCompleted(Job job) => _jobsCompleted.Add(1, JobTags(job));

    /// <summary>A job was reported failed.</summary>
    public void JobFailed(Job job) => _jobsFailed.Add(1, JobTags(job));

    /// <summary>A job threw a BPMN error.</summary>
    public void JobErrorThrown(Job job) => _jobErrors.Add(1, JobTags(job));

    /// <summary>An incident opened.</summary>
    public void IncidentCreated(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        _incidents.Add(1, new KeyValuePair<string, object?>("incident.type", RecordNames.Upper(incident.Type.ToString())),
            new KeyValuePair<string, object?>(ProcessTag, incident.Definition.BpmnProcessId));
    }

    /// <summary>A timer fired.</summary>
    public void TimerFired(Subscription timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        _timersFired.Add(1, new KeyValuePair<string, object?>(ProcessTag, timer.Definition.BpmnProcessId));
    }

    /// <summary>An SLA event was recorded: <c>WARNING</c> or <c>BREACHED</c> count, <c>MET</c> does not.</summary>
    public void SlaEvent(string slaEvent, string subjectType, string bpmnProcessId)
    {
        var counter = slaEvent switch
        {
            "WARNING" => _slaWarnings,
            "BREACHED" => _slaBreaches,
            _ => null,
        };
        counter?.Add(1, new KeyValuePair<string, object?>("sla.subject", subjectType), new KeyValuePair<string, object?>(ProcessTag, bpmnProcessId));
    }

    private static KeyValuePair<string, object?> JobTags(Job job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(JobTypeTag, job.Type);
    }
}
