using Microsoft.EntityFrameworkCore;
using Orchestrator.Persistence.Rows;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// A <see cref="ReadSnapshot"/> sees the database as its first read found it, whatever commits meanwhile, and without holding
/// back the writer; once it is disposed, the context reads what is committed now.
/// </summary>
public sealed class ReadSnapshotTests
{
    [Fact]
    public async Task Reads_in_a_snapshot_see_one_moment_on_Sqlite()
    {
        using var sqlite = new SqliteTestDatabase();
        await ReadsOneMomentAsync(sqlite.Create());
    }

    [PostgresFact]
    public async Task Reads_in_a_snapshot_see_one_moment_on_Postgres()
    {
        using var server = new PostgresTestDatabase();
        await ReadsOneMomentAsync(await server.CreateAsync());
    }

    private static async Task ReadsOneMomentAsync(OrchestratorDatabase database)
    {
        await using (var setup = database.CreateContext())
        {
            setup.ClusterSettings.Add(new ClusterSettingRow { Name = "a", Value = "before" });
            await setup.SaveChangesAsync();
        }

        await using var reader = database.CreateContext();
        async Task<List<string?>> Read() => await reader.ClusterSettings.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Value).ToListAsync();
        await using (await ReadSnapshot.BeginAsync(reader, CancellationToken.None))
        {
            Assert.Equal(["before"], await Read());

            // Another connection commits a change and a new row while the snapshot is open (it would wait, or time out, if the
            // snapshot held a write lock).
            await using (var writer = database.CreateContext())
            {
                (await writer.ClusterSettings.SingleAsync(s => s.Name == "a")).Value = "after";
                writer.ClusterSettings.Add(new ClusterSettingRow { Name = "b", Value = "new" });
                await writer.SaveChangesAsync();
            }

            Assert.Equal(["before"], await Read());
        }

        Assert.Equal(["after", "new"], await Read());
    }
}
