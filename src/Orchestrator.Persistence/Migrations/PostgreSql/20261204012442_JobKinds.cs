using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class JobKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "jobs",
                type: "text",
                nullable: false,
                defaultValue: "BPMN_ELEMENT");

            migrationBuilder.AddColumn<string>(
                name: "ListenerEventType",
                table: "jobs",
                type: "text",
                nullable: false,
                defaultValue: "UNSPECIFIED");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "ListenerEventType",
                table: "jobs");
        }
    }
}
