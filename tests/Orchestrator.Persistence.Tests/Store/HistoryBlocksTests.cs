using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Orchestrator.Engine.State;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// History is kept one row per instance and commit (<see cref="HistoryBlocks"/>): what is packed reads back the same, record by
/// record, and the migration HistoryBlocks carries the records kept one row each before it over, on SQLite and on PostgreSQL.
/// </summary>
public sealed class HistoryBlocksTests
{
    private const string Before = "UpdatedInPlace";
    private static readonly DateTimeOffset At = new(2026, 12, 7, 21, 30, 15, TimeSpan.Zero);

    [Fact]
    public void Records_packed_per_instance_read_back_the_same_in_order()
    {
        HistoryRecord[] records =
        [
            new(11, At.AddTicks(1234560), 7, 70, RecordValueType.Element, RecordIntent.ElementActivating, "check \"parcel\" — Prüfung", "SERVICE_TASK"),
            new(12, At.AddTicks(1234570), 8, 80, RecordValueType.Job, RecordIntent.Created, "a", "carrier.track"),
            new(13, At.AddHours(2).ToOffset(TimeSpan.FromHours(1)), 7, 71, RecordValueType.Operation, RecordIntent.Canceled, null, "ops-1: cancel\n"),
        ];

        var blocks = HistoryBlocks.Pack(records).ToList();

        Assert.Equal([(7L, 11L), (8L, 12L)], blocks.Select(b => (b.ProcessInstanceKey, b.Position)));
        Assert.Equal([records[0], records[2]], HistoryBlocks.Unpack(blocks[0]));
        Assert.Equal([records[0], records[2], records[1]], HistoryBlocks.Unpack(blocks));
    }

    [Fact]
    public void A_variable_record_leaves_its_value_to_the_variable_row()
    {
        var block = Assert.Single(HistoryBlocks.Pack([new HistoryRecord(1, At, 7, 70, RecordValueType.Variable, RecordIntent.Created, "letter", "\"a long letter\"")]));

        Assert.DoesNotContain("long letter", block.Records, StringComparison.Ordinal);
        Assert.Equal(new HistoryRecord(1, At, 7, 70, RecordValueType.Variable, RecordIntent.Created, "letter", null), Assert.Single(HistoryBlocks.Unpack(block)));
    }

    [Theory]
    [InlineData("""[{"p":1,"t":0,"k":2,"v":"ELEMENT","i":"NOT_AN_INTENT"}]""", "unknown intent 'NOT_AN_INTENT'")]
    [InlineData("""[{"p":1,"t":0,"k":2,"i":"CREATED"}]""", "instance 7 at position 3 is not readable")]
    [InlineData("""{"p":1}""", "instance 7 at position 3 is not readable")]
    [InlineData("not json", "instance 7 at position 3 is not readable")]
    public void A_block_that_is_not_what_was_packed_says_which_one_it_is(string records, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => HistoryBlocks.Unpack(new HistoryBlockRow { ProcessInstanceKey = 7, Position = 3, Records = records }));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_carries_history_over_on_Sqlite()
    {
        using var sqlite = new SqliteTestDatabase();
        await MigrateCarryingOldRowsAsync(sqlite.Create(migrate: false), At.ToUnixTimeMilliseconds(), At.AddMinutes(1).ToUnixTimeMilliseconds());
    }

    [PostgresFact]
    public async Task The_migration_carries_history_over_on_Postgres()
    {
        using var server = new PostgresTestDatabase();
        await server.CreateEmptyAsync();
        await MigrateCarryingOldRowsAsync(new OrchestratorDatabase(DatabaseProvider.PostgreSql, server.ConnectionString), At, At.AddMinutes(1));
    }

    [Fact]
    public async Task Going_back_before_the_migration_unpacks_every_block_into_rows_on_Sqlite()
    {
        using var sqlite = new SqliteTestDatabase();
        await MigrateBackAsync(sqlite.Create(migrate: false), TimeSpan.FromMilliseconds(1));
    }

    [PostgresFact]
    public async Task Going_back_before_the_migration_unpacks_every_block_into_rows_on_Postgres()
    {
        using var server = new PostgresTestDatabase();
        await MigrateBackAsync(await server.CreateAsync(), TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond));
    }

    [Fact]
    public async Task Records_after_a_position_come_from_the_block_it_falls_in_and_those_after_on_Sqlite()
    {
        using var sqlite = new SqliteTestDatabase();
        await ReadAfterAsync(sqlite.Create());
    }

    [PostgresFact]
    public async Task Records_after_a_position_come_from_the_block_it_falls_in_and_those_after_on_Postgres()
    {
        using var server = new PostgresTestDatabase();
        await ReadAfterAsync(await server.CreateAsync());
    }

    /// <summary>
    /// Writes blocks as the journal does (two commits of instance 7, one of instance 8), migrates back to the version before
    /// HistoryBlocks and reads the rows that version keeps: each record one row, its time as precise as that version kept it
    /// (<paramref name="precision"/>: milliseconds on SQLite, microseconds on PostgreSQL), a variable's record without its value.
    /// </summary>
    private static async Task MigrateBackAsync(OrchestratorDatabase database, TimeSpan precision)
    {
        var at = At.AddTicks(1_234_567);
        HistoryRecord[] records =
        [
            new(3, at, 7, 7, RecordValueType.Element, RecordIntent.ElementActivated, null, "PROCESS"),
            new(5, at.AddMinutes(1), 7, 71, RecordValueType.UserTask, RecordIntent.Assigned, "review", "agent \"Zoë\" ✓"),
            new(4, at, 8, 80, RecordValueType.Variable, RecordIntent.Created, "id", "\"order-1\""),
            new(6, at.AddMinutes(2), 7, 71, RecordValueType.UserTask, RecordIntent.Completed, "review", null),
        ];
        database.Migrate();
        await using (var context = database.CreateContext())
        {
            context.History.AddRange(HistoryBlocks.Pack(records[..3]));
            context.History.AddRange(HistoryBlocks.Pack(records[3..]));
            await context.SaveChangesAsync();
            var migrations = context.Database.GetMigrations().ToList();
            await context.GetService<IMigrator>().MigrateAsync(migrations.Single(m => m.EndsWith("_" + Before, StringComparison.Ordinal)));
        }

        await using (var context = database.CreateContext())
        {
            var connection = context.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT "ProcessInstanceKey", "Position", "Timestamp", "Key", "ValueType", "Intent", "ElementId", "Detail"
                FROM history ORDER BY "ProcessInstanceKey", "Position"
                """;
            var rows = new List<HistoryRecord>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var timestamp = reader.GetValue(2) switch
                    {
                        long milliseconds => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds),
                        DateTime utc => new DateTimeOffset(utc, TimeSpan.Zero),
                        var other => throw new InvalidDataException($"a timestamp of type {other.GetType()}"),
                    };
                    rows.Add(new HistoryRecord(reader.GetInt64(1), timestamp, reader.GetInt64(0), reader.GetInt64(3),
                        RecordNames.TryValueType(reader.GetString(4), out var valueType) ? valueType : throw new InvalidDataException(reader.GetString(4)),
                        RecordNames.TryIntent(reader.GetString(5), out var intent) ? intent : throw new InvalidDataException(reader.GetString(5)),
                        reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7)));
                }
            }

            DateTimeOffset Kept(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % precision.Ticks, TimeSpan.Zero);
            Assert.Equal(
                [
                    records[0] with { Timestamp = Kept(records[0].Timestamp) },
                    records[1] with { Timestamp = Kept(records[1].Timestamp) },
                    records[3] with { Timestamp = Kept(records[3].Timestamp) },
                    records[2] with { Timestamp = Kept(records[2].Timestamp), Detail = null },
                ],
                rows);
        }
    }

    /// <summary>Three commits of instance 7 (records 1–3, 5–6, 9) and one of instance 8 (record 4) between them.</summary>
    private static async Task ReadAfterAsync(OrchestratorDatabase database)
    {
        static HistoryRecord Job(long position, long instance) => new(position, At.AddSeconds(position), instance, 100 + position, RecordValueType.Job, RecordIntent.Created, "a", "t");
        await using (var context = database.CreateContext())
        {
            context.History.AddRange(HistoryBlocks.Pack([Job(1, 7), Job(2, 7), Job(3, 7)]));
            context.History.AddRange(HistoryBlocks.Pack([Job(4, 8)]));
            context.History.AddRange(HistoryBlocks.Pack([Job(5, 7), Job(6, 7)]));
            context.History.AddRange(HistoryBlocks.Pack([Job(9, 7)]));
            await context.SaveChangesAsync();
        }

        await using (var context = database.CreateContext())
        {
            async Task<long[]> After(long position) => [.. (await HistoryBlocks.ReadAfterAsync(context, 7, position, CancellationToken.None)).Select(r => r.Position)];
            Assert.Equal(new long[] { 1, 2, 3, 5, 6, 9 }, await After(0));
            Assert.Equal(new long[] { 3, 5, 6, 9 }, await After(2));
            Assert.Equal(new long[] { 5, 6, 9 }, await After(4));
            Assert.Equal(new long[] { 6, 9 }, await After(5));
            Assert.Equal(new long[] { 9 }, await After(8));
            Assert.Empty(await After(9));
        }
    }

    /// <summary>Migrates to the version before HistoryBlocks, writes two rows of instance 7 and one of instance 8 as that version kept them, migrates on and reads them.</summary>
    private static async Task MigrateCarryingOldRowsAsync(OrchestratorDatabase database, object first, object second)
    {
        await using (var context = database.CreateContext())
        {
            var migrations = context.Database.GetMigrations().ToList();
            await context.GetService<IMigrator>().MigrateAsync(migrations.Single(m => m.EndsWith("_" + Before, StringComparison.Ordinal)));
            await context.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO history ("ProcessInstanceKey", "Position", "Timestamp", "Key", "ValueType", "Intent", "ElementId", "Detail")
                VALUES (7, 5, {second}, 71, 'USER_TASK', 'ASSIGNED', 'review', {"agent \"Zoë\""}),
                       (7, 3, {first}, 7, 'ELEMENT', 'ELEMENT_ACTIVATED', NULL, 'PROCESS'),
                       (8, 4, {first}, 80, 'VARIABLE', 'CREATED', 'id', NULL)
                """);
        }

        database.Migrate();

        await using (var context = database.CreateContext())
        {
            Assert.Equal(
                [
                    new HistoryRecord(3, At, 7, 7, RecordValueType.Element, RecordIntent.ElementActivated, null, "PROCESS"),
                    new HistoryRecord(5, At.AddMinutes(1), 7, 71, RecordValueType.UserTask, RecordIntent.Assigned, "review", "agent \"Zoë\""),
                    new HistoryRecord(4, At, 8, 80, RecordValueType.Variable, RecordIntent.Created, "id", null),
                ],
                await HistoryBlocks.ReadAsync(context, [7, 8], CancellationToken.None));
            Assert.Equal(3, await context.History.CountAsync());
        }
    }
}
