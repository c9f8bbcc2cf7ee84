using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.State;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// History as the database keeps it: the records one commit appended to one instance are one row (<see cref="HistoryBlockRow"/>),
/// a JSON array of objects — <c>p</c> position, <c>t</c> time (microseconds since 1970 UTC), <c>k</c> the subject's key, <c>v</c> and
/// <c>i</c> the value type and intent as <see cref="RecordNames"/> writes them, <c>e</c> the element id and <c>d</c> the detail when
/// there are. The same on SQLite and PostgreSQL; the migration HistoryBlocks turned each older row into a block of one.
/// </summary>
public static class HistoryBlocks
{
    /// <summary>One block per instance of <paramref name="records"/> (in their order); a variable's value is kept once, in its variable row, so its record leaves it out.</summary>
    public static IEnumerable<HistoryBlockRow> Pack(IEnumerable<HistoryRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var buffer = new ArrayBufferWriter<byte>(1024);
        foreach (var instance in records.GroupBy(r => r.ProcessInstanceKey))
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var r in instance)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("p", r.Position);
                    writer.WriteNumber("t", (r.Timestamp.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond);
                    writer.WriteNumber("k", r.Key);
                    writer.WriteString("v", RecordNames.Of(r.ValueType));
                    writer.WriteString("i", RecordNames.Of(r.Intent));
                    if (r.ElementId is not null)
                    {
                        writer.WriteString("e", r.ElementId);
                    }

                    if (r.Detail is not null && r.ValueType != RecordValueType.Variable)
                    {
                        writer.WriteString("d", r.Detail);
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            yield return new HistoryBlockRow
            {
                ProcessInstanceKey = instance.Key,
                Position = instance.First().Position,
                Records = Encoding.UTF8.GetString(buffer.WrittenSpan),
            };
        }
    }

    /// <summary>The records of a block, in order.</summary>
    /// <exception cref="InvalidDataException">The block is not what <see cref="Pack"/> writes.</exception>
    public static List<HistoryRecord> Unpack(HistoryBlockRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        try
        {
            using var document = JsonDocument.Parse(row.Records);
            return [.. document.RootElement.EnumerateArray().Select(r => Record(row.ProcessInstanceKey, r))];
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new InvalidDataException($"the history block of instance {row.ProcessInstanceKey} at position {row.Position} is not readable: {exception.Message}", exception);
        }
    }

    /// <summary>The records of the blocks in the order of their positions.</summary>
    public static List<HistoryRecord> Unpack(IEnumerable<HistoryBlockRow> rows) =>
        [.. rows.OrderBy(r => r.ProcessInstanceKey).ThenBy(r => r.Position).SelectMany(Unpack)];

    /// <summary>The history of the instances <paramref name="processInstanceKeys"/>, each in order.</summary>
    public static async Task<List<HistoryRecord>> ReadAsync(OrchestratorDbContext db, IReadOnlyCollection<long> processInstanceKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Unpack(await db.History.AsNoTracking().Where(h => processInstanceKeys.Contains(h.ProcessInstanceKey))
            .ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The records of instance <paramref name="processInstanceKey"/> after <paramref name="position"/>, in order: the blocks that
    /// start after it and the one it falls in (by the key's index, not the whole history).
    /// </summary>
    public static async Task<List<HistoryRecord>> ReadAfterAsync(OrchestratorDbContext db, long processInstanceKey, long position, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var blocks = db.History.AsNoTracking().Where(h => h.ProcessInstanceKey == processInstanceKey);
        var rows = await blocks
            .Where(h => h.Position >= (blocks.Where(b => b.Position <= position).Max(b => (long?)b.Position) ?? long.MinValue))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. Unpack(rows).Where(r => r.Position > position)];
    }

    private static HistoryRecord Record(long processInstanceKey, JsonElement r)
    {
        var valueType = r.GetProperty("v").GetString() ?? string.Empty;
        var intent = r.GetProperty("i").GetString() ?? string.Empty;
        var position = r.GetProperty("p").GetInt64();
        return new HistoryRecord(
            position,
            DateTimeOffset.UnixEpoch.AddTicks(r.GetProperty("t").GetInt64() * TimeSpan.TicksPerMicrosecond),
            processInstanceKey,
            r.GetProperty("k").GetInt64(),
            RecordNames.TryValueType(valueType, out var v) ? v : throw new InvalidDataException($"history record {position} has an unknown value type '{valueType}'"),
            RecordNames.TryIntent(intent, out var i) ? i : throw new InvalidDataException($"history record {position} has an unknown intent '{intent}'"),
            Text(r, "e"),
            Text(r, "d"));
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
