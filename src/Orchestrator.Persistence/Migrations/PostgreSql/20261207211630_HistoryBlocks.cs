using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
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
                    ProcessInstanceKey = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<long>(type: "bigint", nullable: false),
                    Records = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history_blocks", x => new { x.ProcessInstanceKey, x.Position });
                });

            // Each record kept so far becomes a block of one (HistoryBlocks.Pack's format).
            migrationBuilder.Sql("""
                INSERT INTO history_blocks ("ProcessInstanceKey", "Position", "Records")
                SELECT "ProcessInstanceKey", "Position", json_build_array(json_strip_nulls(json_build_object(
                    'p', "Position", 't', floor(extract(epoch FROM "Timestamp") * 1000000)::bigint, 'k', "Key",
                    'v', "ValueType", 'i', "Intent", 'e', "ElementId", 'd', "Detail")))::text
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
                    ProcessInstanceKey = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<long>(type: "bigint", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: true),
                    ElementId = table.Column<string>(type: "text", nullable: true),
                    Intent = table.Column<string>(type: "text", nullable: false),
                    Key = table.Column<long>(type: "bigint", nullable: false),
                    Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ValueType = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history", x => new { x.ProcessInstanceKey, x.Position });
                });

            migrationBuilder.Sql("""
                INSERT INTO history ("ProcessInstanceKey", "Position", "Timestamp", "Key", "ValueType", "Intent", "ElementId", "Detail")
                SELECT b."ProcessInstanceKey", (r->>'p')::bigint, to_timestamp((r->>'t')::bigint / 1000000.0), (r->>'k')::bigint,
                    r->>'v', r->>'i', r->>'e', r->>'d'
                FROM history_blocks b, json_array_elements(b."Records"::json) r
                """);

            migrationBuilder.DropTable(
                name: "history_blocks");
        }
    }
}
