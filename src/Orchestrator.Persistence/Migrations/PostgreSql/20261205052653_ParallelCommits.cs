using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ParallelCommits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Transaction",
                table: "changes",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_Name_CorrelationKey",
                table: "subscriptions",
                columns: new[] { "Name", "CorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_BpmnProcessId_MessageCorrelationKey",
                table: "process_instances",
                columns: new[] { "BpmnProcessId", "MessageCorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_MessageId",
                table: "messages",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_changes_Transaction",
                table: "changes",
                column: "Transaction");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_subscriptions_Name_CorrelationKey",
                table: "subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_process_instances_BpmnProcessId_MessageCorrelationKey",
                table: "process_instances");

            migrationBuilder.DropIndex(
                name: "IX_messages_MessageId",
                table: "messages");

            migrationBuilder.DropIndex(
                name: "IX_changes_Transaction",
                table: "changes");

            migrationBuilder.DropColumn(
                name: "Transaction",
                table: "changes");
        }
    }
}
