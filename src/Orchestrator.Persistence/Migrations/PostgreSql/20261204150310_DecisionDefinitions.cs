using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DecisionDefinitions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "decision_definitions",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false),
                    DecisionId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Logic = table.Column<string>(type: "text", nullable: false),
                    VersionTag = table.Column<string>(type: "text", nullable: true),
                    DecisionRequirementsKey = table.Column<long>(type: "bigint", nullable: false),
                    DecisionRequirementsId = table.Column<string>(type: "text", nullable: false),
                    DeploymentKey = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_definitions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "decision_instances",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false),
                    InstanceId = table.Column<string>(type: "text", nullable: false),
                    EvaluationKey = table.Column<long>(type: "bigint", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    DecisionDefinitionKey = table.Column<long>(type: "bigint", nullable: false),
                    DecisionId = table.Column<string>(type: "text", nullable: false),
                    DecisionName = table.Column<string>(type: "text", nullable: false),
                    DecisionVersion = table.Column<int>(type: "integer", nullable: false),
                    DecisionType = table.Column<string>(type: "text", nullable: false),
                    RootDecisionDefinitionKey = table.Column<long>(type: "bigint", nullable: false),
                    DecisionRequirementsKey = table.Column<long>(type: "bigint", nullable: false),
                    State = table.Column<string>(type: "text", nullable: false),
                    EvaluationDate = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Failure = table.Column<string>(type: "text", nullable: true),
                    Result = table.Column<string>(type: "text", nullable: false),
                    Inputs = table.Column<string>(type: "text", nullable: false),
                    MatchedRules = table.Column<string>(type: "text", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "bigint", nullable: true),
                    ProcessDefinitionKey = table.Column<long>(type: "bigint", nullable: true),
                    ElementInstanceKey = table.Column<long>(type: "bigint", nullable: true),
                    ElementId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_instances", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "decision_requirements",
                columns: table => new
                {
                    Key = table.Column<long>(type: "bigint", nullable: false),
                    DecisionRequirementsId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ResourceName = table.Column<string>(type: "text", nullable: false),
                    Xml = table.Column<string>(type: "text", nullable: false),
                    DeploymentKey = table.Column<long>(type: "bigint", nullable: false),
                    Checksum = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_requirements", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_decision_definitions_DecisionId_Version",
                table: "decision_definitions",
                columns: new[] { "DecisionId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decision_definitions_DecisionRequirementsKey",
                table: "decision_definitions",
                column: "DecisionRequirementsKey");

            migrationBuilder.CreateIndex(
                name: "IX_decision_instances_DecisionDefinitionKey",
                table: "decision_instances",
                column: "DecisionDefinitionKey");

            migrationBuilder.CreateIndex(
                name: "IX_decision_instances_EvaluationDate",
                table: "decision_instances",
                column: "EvaluationDate");

            migrationBuilder.CreateIndex(
                name: "IX_decision_instances_EvaluationKey",
                table: "decision_instances",
                column: "EvaluationKey");

            migrationBuilder.CreateIndex(
                name: "IX_decision_instances_InstanceId",
                table: "decision_instances",
                column: "InstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_decision_instances_ProcessInstanceKey",
                table: "decision_instances",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_decision_requirements_DecisionRequirementsId_Version",
                table: "decision_requirements",
                columns: new[] { "DecisionRequirementsId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "decision_definitions");

            migrationBuilder.DropTable(
                name: "decision_instances");

            migrationBuilder.DropTable(
                name: "decision_requirements");
        }
    }
}
