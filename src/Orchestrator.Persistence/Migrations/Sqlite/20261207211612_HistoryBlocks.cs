using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HistoryBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history_blocks",
                columns: table => new
                {
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    Records = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history_blocks", x => new { x.ProcessInstanceKey, x.Position });
                });

            // Each record kept so far becomes a block of one (HistoryBlocks.Pack's format).
            migrationBuilder.Sql("""
                INSERT INTO history_blocks ("ProcessInstanceKey", "Position", "Records")
                SELECT "ProcessInstanceKey", "Position", json_array(json_object(
                    'p', "Position", 't', "Timestamp" * 1000, 'k', "Key", 'v', "ValueType", 'i', "Intent", 'e', "ElementId", 'd', "Detail"))
                FROM history
                """);

            migrationBuilder.DropTable(
                name: "history");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", nullable: true),
                    Intent = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    ValueType = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history", x => new { x.ProcessInstanceKey, x.Position });
                });

            migrationBuilder.Sql("""
                INSERT INTO history ("ProcessInstanceKey", "Position", "Timestamp", "Key", "ValueType", "Intent", "ElementId", "Detail")
                SELECT b."ProcessInstanceKey", json_extract(r.value, '$.p'), json_extract(r.value, '$.t') / 1000, json_extract(r.value, '$.k'),
                    json_extract(r.value, '$.v'), json_extract(r.value, '$.i'), json_extract(r.value, '$.e'), json_extract(r.value, '$.d')
                FROM history_blocks b, json_each(b."Records") r
                """);

            migrationBuilder.DropTable(
                name: "history_blocks");
        }
    }
}
