using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class WebhookContentHash : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContentHash",
                table: "webhook_deliveries",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_Path_ContentHash",
                table: "webhook_deliveries",
                columns: new[] { "Path", "ContentHash" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_webhook_deliveries_Path_ContentHash",
                table: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "ContentHash",
                table: "webhook_deliveries");
        }
    }
}
