using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "element_instances",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementName = table.Column<string>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<long>(type: "INTEGER", nullable: false),
                    EndDate = table.Column<long>(type: "INTEGER", nullable: true),
                    IncidentKey = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_element_instances", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "forms",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    FormId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ResourceName = table.Column<string>(type: "TEXT", nullable: false),
                    Schema = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Checksum = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_forms", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "history",
                columns: table => new
                {
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    ValueType = table.Column<string>(type: "TEXT", nullable: false),
                    Intent = table.Column<string>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_history", x => x.Position);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    JobKey = table.Column<long>(type: "INTEGER", nullable: true),
                    CreationTime = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "jobs",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomHeaders = table.Column<string>(type: "TEXT", nullable: false),
                    Retries = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Worker = table.Column<string>(type: "TEXT", nullable: true),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: true),
                    RetryAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true),
                    ErrorCode = table.Column<string>(type: "TEXT", nullable: true),
                    FailureVariables = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_jobs", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "key_blocks",
                columns: table => new
                {
                    NodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Next = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_key_blocks", x => x.NodeId);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    CorrelationKey = table.Column<string>(type: "TEXT", nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", nullable: true),
                    Variables = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CorrelatedProcesses = table.Column<string>(type: "TEXT", nullable: false),
                    CorrelatedInstances = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "node_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Holder = table.Column<string>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_node_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "process_definitions",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    ResourceName = table.Column<string>(type: "TEXT", nullable: false),
                    Xml = table.Column<string>(type: "TEXT", nullable: false),
                    DeploymentKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Checksum = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_process_definitions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "process_instances",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessName = table.Column<string>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    StartDate = table.Column<long>(type: "INTEGER", nullable: false),
                    EndDate = table.Column<long>(type: "INTEGER", nullable: true),
                    ParentInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ParentElementInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageCorrelationKey = table.Column<string>(type: "TEXT", nullable: true),
                    HasIncident = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    Elements = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_process_instances", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "sla_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectType = table.Column<string>(type: "TEXT", nullable: false),
                    SubjectKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: true),
                    Event = table.Column<string>(type: "TEXT", nullable: false),
                    DueDate = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", nullable: false),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ElementInstanceKey = table.Column<long>(type: "INTEGER", nullable: true),
                    CatchElementId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    CorrelationKey = table.Column<string>(type: "TEXT", nullable: true),
                    DueDate = table.Column<long>(type: "INTEGER", nullable: false),
                    RepetitionsLeft = table.Column<int>(type: "INTEGER", nullable: false),
                    Schedule = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "user_tasks",
                columns: table => new
                {
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    ElementId = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessDefinitionKey = table.Column<long>(type: "INTEGER", nullable: false),
                    BpmnProcessId = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Assignee = table.Column<string>(type: "TEXT", nullable: true),
                    CandidateGroups = table.Column<string>(type: "TEXT", nullable: false),
                    CandidateUsers = table.Column<string>(type: "TEXT", nullable: false),
                    DueDate = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowUpDate = table.Column<long>(type: "INTEGER", nullable: true),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    FormId = table.Column<string>(type: "TEXT", nullable: true),
                    FormKey = table.Column<long>(type: "INTEGER", nullable: true),
                    ExternalFormReference = table.Column<string>(type: "TEXT", nullable: true),
                    CreationDate = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletionDate = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_tasks", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "variables",
                columns: table => new
                {
                    ScopeKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessInstanceKey = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_variables", x => new { x.ScopeKey, x.Name });
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Path = table.Column<string>(type: "TEXT", nullable: false),
                    DeliveryId = table.Column<string>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", nullable: false),
                    Error = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_webhook_deliveries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_element_instances_BpmnProcessId_ElementId_State",
                table: "element_instances",
                columns: new[] { "BpmnProcessId", "ElementId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_element_instances_ProcessInstanceKey",
                table: "element_instances",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_forms_FormId_Version",
                table: "forms",
                columns: new[] { "FormId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_history_ProcessInstanceKey_Position",
                table: "history",
                columns: new[] { "ProcessInstanceKey", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_ProcessInstanceKey",
                table: "incidents",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_State_Key",
                table: "incidents",
                columns: new[] { "State", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_jobs_ProcessInstanceKey",
                table: "jobs",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Type_State",
                table: "jobs",
                columns: new[] { "Type", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_ExpiresAt",
                table: "messages",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_messages_Name_CorrelationKey",
                table: "messages",
                columns: new[] { "Name", "CorrelationKey" });

            migrationBuilder.CreateIndex(
                name: "IX_process_definitions_BpmnProcessId_Version",
                table: "process_definitions",
                columns: new[] { "BpmnProcessId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_BpmnProcessId_State",
                table: "process_instances",
                columns: new[] { "BpmnProcessId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_ParentInstanceKey",
                table: "process_instances",
                column: "ParentInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_ProcessDefinitionKey",
                table: "process_instances",
                column: "ProcessDefinitionKey");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_StartDate",
                table: "process_instances",
                column: "StartDate");

            migrationBuilder.CreateIndex(
                name: "IX_process_instances_State_Key",
                table: "process_instances",
                columns: new[] { "State", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_events_BpmnProcessId_Event_At",
                table: "sla_events",
                columns: new[] { "BpmnProcessId", "Event", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_sla_events_ProcessInstanceKey",
                table: "sla_events",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_sla_events_SubjectKey_Event",
                table: "sla_events",
                columns: new[] { "SubjectKey", "Event" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_Kind_DueDate",
                table: "subscriptions",
                columns: new[] { "Kind", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_Assignee_State",
                table: "user_tasks",
                columns: new[] { "Assignee", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_ProcessInstanceKey",
                table: "user_tasks",
                column: "ProcessInstanceKey");

            migrationBuilder.CreateIndex(
                name: "IX_user_tasks_State_DueDate",
                table: "user_tasks",
                columns: new[] { "State", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_variables_Key",
                table: "variables",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_variables_ProcessInstanceKey_Name",
                table: "variables",
                columns: new[] { "ProcessInstanceKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_Path_DeliveryId",
                table: "webhook_deliveries",
                columns: new[] { "Path", "DeliveryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_deliveries_State",
                table: "webhook_deliveries",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "element_instances");

            migrationBuilder.DropTable(
                name: "forms");

            migrationBuilder.DropTable(
                name: "history");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropTable(
                name: "jobs");

            migrationBuilder.DropTable(
                name: "key_blocks");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "node_leases");

            migrationBuilder.DropTable(
                name: "process_definitions");

            migrationBuilder.DropTable(
                name: "process_instances");

            migrationBuilder.DropTable(
                name: "sla_events");

            migrationBuilder.DropTable(
                name: "subscriptions");

            migrationBuilder.DropTable(
                name: "user_tasks");

            migrationBuilder.DropTable(
                name: "variables");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");
        }
    }
}
