using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
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
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Logic = table.Column<string>(type: "TEXT", nullable: false),
                    VersionTag = table.Column<string>(type: "TEXT", nullable: true),
                    DecisionRequirementsKey = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionRequirementsId = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentKey = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_definitions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "decision_instances",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    EvaluationKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionId = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionName = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionType = table.Column<string>(type: "TEXT", nullable: false),
                    RootDecisionDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionRequirementsKey = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    EvaluationDate = table.Column<long>(type: "INTEGER", nullable: false),
                    Failure = table.Column<string>(type: "TEXT", nullable: true),
                    Result = table.Column<string>(type: "TEXT", nullable: false),
                    Inputs = table.Column<string>(type: "TEXT", nullable: false),
                    MatchedRules = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ElementInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ElementId = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decision_instances", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "decision_requirements",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    DecisionRequirementsId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ResourceName = table.Column<string>(type: "TEXT", nullable: false),
                    Xml = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Checksum = table.Column<string>(type: "TEXT", nullable: false)
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
