using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
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
                    BatchOperationKey = table.Column<long>(type: "bigint", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    ProcessedDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ErrorMessage = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batch_operation_items", x => new { x.BatchOperationKey, x.ProcessInstanceKey });
                });

            migrationBuilder.CreateTable(
                name: "batch_operations",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Type = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    StartDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    TotalCount = table.Column<int>(type: "integer", nullable: false),
                    CompletedCount = table.Column<int>(type: "integer", nullable: false),
                    FailedCount = table.Column<int>(type: "integer", nullable: false),
                    Actor = table.Column<string>(type: "text", nullable: true),
                    Plan = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_batch_operations", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_batch_operation_items_BatchOperationKey_State_ProcessInstan~",
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
