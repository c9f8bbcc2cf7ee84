using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class HistoryByInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_history",
                table: "history");

            migrationBuilder.DropIndex(
                name: "IX_history_ProcessInstanceKey_Position",
                table: "history");

            migrationBuilder.AddPrimaryKey(
                name: "PK_history",
                table: "history",
                columns: new[] { "ProcessInstanceKey", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_history",
                table: "history");

            migrationBuilder.AddPrimaryKey(
                name: "PK_history",
                table: "history",
                column: "Position");

            migrationBuilder.CreateIndex(
                name: "IX_history_ProcessInstanceKey_Position",
                table: "history",
                columns: new[] { "ProcessInstanceKey", "Position" });
        }
    }
}
