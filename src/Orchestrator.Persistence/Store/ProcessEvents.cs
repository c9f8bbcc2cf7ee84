using System.Globalization;
using System.Text;
using System.Text.Json;
using Orchestrator.Engine.State;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The process events other systems hear of (<see cref="DurableStoreOptions.RecordProcessEvents"/>): an instance started,
/// completed or canceled, an incident raised or resolved, a user task created or completed — each from the history record that
/// tells it, as CloudEvents-shaped JSON (<c>specversion</c>, <c>id</c>, <c>source</c>, <c>type</c>, <c>subject</c>, <c>time</c>,
/// <c>datacontenttype</c>, <c>data</c>), type <c>io.aftersales.orchestrator.&lt;event&gt;</c>.
/// </summary>
public static class ProcessEvents
{
    /// <summary>The prefix of every event type.</summary>
    public const string TypePrefix = "io.aftersales.orchestrator.";

    /// <summary>The outbox row for a history record that tells a process event; null for any other record.</summary>
    public static EventOutboxRow? Of(HistoryRecord record, string? bpmnProcessId)
    {
        ArgumentNullException.ThrowIfNull(record);
        var type = (record.ValueType, record.Intent) switch
        {
            (RecordValueType.Element, RecordIntent.ElementActivating) when record.Key == record.ProcessInstanceKey => "process-instance.started",
            (RecordValueType.Element, RecordIntent.ElementCompleted) when record.Key == record.ProcessInstanceKey => "process-instance.completed",
            (RecordValueType.Element, RecordIntent.ElementTerminated) when record.Key == record.ProcessInstanceKey => "process-instance.canceled",
            (RecordValueType.Incident, RecordIntent.Created) => "incident.created",
            (RecordValueType.Incident, RecordIntent.Resolved) => "incident.resolved",
            (RecordValueType.UserTask, RecordIntent.Created) => "user-task.created",
            (RecordValueType.UserTask, RecordIntent.Completed) => "user-task.completed",
            _ => null,
        };
        if (type is null)
        {
            return null;
        }

        var data = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["processInstanceKey"] = Text(record.ProcessInstanceKey),
            ["bpmnProcessId"] = bpmnProcessId,
        };
        switch (record.ValueType)
        {
            case RecordValueType.Incident:
                data["incidentKey"] = Text(record.Key);
                data["elementId"] = record.ElementId;
                data["error"] = record.Detail;
                break;
            case RecordValueType.UserTask:
                data["userTaskKey"] = Text(record.Key);
                data["elementId"] = record.ElementId;
                data["assignee"] = record.Detail;
                break;
        }

        return new EventOutboxRow
        {
            Id = record.Position,
            At = record.Timestamp,
            ProcessInstanceKey = record.ProcessInstanceKey,
            Type = type,
            Data = CloudEvent(Text(record.Position), type, bpmnProcessId, Text(record.ProcessInstanceKey), record.Timestamp, data),
        };
    }

    /// <summary>A CloudEvents 1.0 JSON event with string data fields (null fields left out).</summary>
    public static string CloudEvent(string id, string type, string? bpmnProcessId, string subject, DateTimeOffset time, IReadOnlyDictionary<string, string?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("specversion", "1.0");
            writer.WriteString("id", id);
            writer.WriteString("source", "/orchestrator/processes/" + (bpmnProcessId ?? "unknown"));
            writer.WriteString("type", TypePrefix + type);
            writer.WriteString("subject", subject);
            writer.WriteString("time", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("datacontenttype", "application/json");
            writer.WriteStartObject("data");
            foreach (var (name, value) in data)
            {
                if (value is not null)
                {
                    writer.WriteString(name, value);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
