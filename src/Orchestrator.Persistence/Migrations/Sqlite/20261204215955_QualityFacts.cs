using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QualityFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_facts",
                columns: table => new
                {
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedDay = table.Column<int>(type: "INTEGER", nullable: true),
                    CustomerId = table.Column<string>(type: "TEXT", nullable: true),
                    OrderId = table.Column<string>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", nullable: true),
                    Language = table.Column<string>(type: "TEXT", nullable: true),
                    Country = table.Column<string>(type: "TEXT", nullable: true),
                    ReasonCode = table.Column<string>(type: "TEXT", nullable: true),
                    Sku = table.Column<string>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", nullable: true),
                    Carrier = table.Column<string>(type: "TEXT", nullable: true),
                    Supplier = table.Column<string>(type: "TEXT", nullable: true),
                    FirstResponseMinutes = table.Column<double>(type: "REAL", nullable: true),
                    ResolutionMinutes = table.Column<double>(type: "REAL", nullable: true),
                    TasksCompleted = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxTier = table.Column<int>(type: "INTEGER", nullable: true),
                    Resolver = table.Column<string>(type: "TEXT", nullable: true),
                    ResolverGroup = table.Column<string>(type: "TEXT", nullable: true),
                    FirstContact = table.Column<bool>(type: "INTEGER", nullable: true),
                    ReopenedBy = table.Column<long>(type: "INTEGER", nullable: true),
                    Csat = table.Column<int>(type: "INTEGER", nullable: true),
                    Nps = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_facts", x => x.ProcessInstanceKey);
                });

            migrationBuilder.CreateTable(
                name: "quality_samples",
                columns: table => new
                {
                    UserTaskKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    Agent = table.Column<string>(type: "TEXT", nullable: true),
                    AgentGroup = table.Column<string>(type: "TEXT", nullable: true),
                    SampledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", nullable: false),
                    ReviewInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reviewer = table.Column<string>(type: "TEXT", nullable: true),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    RedLines = table.Column<string>(type: "TEXT", nullable: true),
                    RedLineCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quality_samples", x => x.UserTaskKey);
                });

            migrationBuilder.CreateTable(
                name: "task_facts",
                columns: table => new
                {
                    UserTaskKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    Tier = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Assignee = table.Column<string>(type: "TEXT", nullable: true),
                    CandidateGroup = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Sla = table.Column<string>(type: "TEXT", nullable: true),
                    HandlingMinutes = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_facts", x => x.UserTaskKey);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_facts_opened_dimensions",
                table: "case_facts",
                columns: new[] { "StartedAt", "BpmnProcessId", "ReasonCode", "Sku", "Category", "Carrier", "Supplier", "Country" });

            migrationBuilder.CreateIndex(
                name: "IX_case_facts_OrderId_EndedAt",
                table: "case_facts",
                columns: new[] { "OrderId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_case_facts_resolved_figures",
                table: "case_facts",
                columns: new[] { "ResolvedAt", "State", "BpmnProcessId", "Resolver", "ResolverGroup", "MaxTier", "ResolvedDay", "FirstResponseMinutes", "ResolutionMinutes", "FirstContact", "ReopenedBy", "Csat", "Nps" });

            migrationBuilder.CreateIndex(
                name: "IX_case_facts_State",
                table: "case_facts",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_quality_samples_ReviewInstanceKey",
                table: "quality_samples",
                column: "ReviewInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_quality_samples_SampledAt",
                table: "quality_samples",
                column: "SampledAt");

            migrationBuilder.CreateIndex(
                name: "IX_task_facts_ended_figures",
                table: "task_facts",
                columns: new[] { "EndedAt", "State", "BpmnProcessId", "Assignee", "CandidateGroup", "Tier", "HandlingMinutes", "Sla" });

            migrationBuilder.CreateIndex(
                name: "IX_task_facts_ProcessInstanceKey",
                table: "task_facts",
                column: "ProcessInstanceKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_facts");

            migrationBuilder.DropTable(
                name: "quality_samples");

            migrationBuilder.DropTable(
                name: "task_facts");
        }
    }
}
