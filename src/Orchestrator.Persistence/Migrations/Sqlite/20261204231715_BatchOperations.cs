using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BatchOperations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "batch_operation_items",
                columns: table => new
                {
                    BatchOperationKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessedDate = table.Column<long>(type: "INTEGER", nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batch_operation_items", x => new { x.BatchOperationKey, x.ProcessInstanceKey });
                });

            migrationBuilder.CreateTable(
                name: "batch_operations",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<long>(type: "INTEGER", nullable: false),
                    EndDate = table.Column<long>(type: "INTEGER", nullable: true),
                    TotalCount = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", nullable: true),
                    Plan = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batch_operations", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_batch_operation_items_BatchOperationKey_State_ProcessInstanceKey",
                table: "batch_operation_items",
                columns: new[] { "BatchOperationKey", "State", "ProcessInstanceKey" });

            migrationBuilder.CreateIndex(
                name: "IX_batch_operation_items_ProcessInstanceKey",
                table: "batch_operation_items",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_batch_operations_State",
                table: "batch_operations",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "batch_operation_items");

            migrationBuilder.DropTable(
                name: "batch_operations");
        }
    }
}
