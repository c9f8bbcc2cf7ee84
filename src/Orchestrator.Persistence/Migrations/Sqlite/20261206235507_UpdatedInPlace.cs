using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// No index holds the columns an element's end or a job's activation changes (their state), so that PostgreSQL writes those
    /// updates in place; there, the element instances, jobs and instances also leave a fifth of each page free (fillfactor 80).
    /// </summary>
    public partial class UpdatedInPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_jobs_Type_State",
                table: "jobs");

            migrationBuilder.DropIndex(
                name: "IX_element_instances_BpmnProcessId_ElementId_State",
                table: "element_instances");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Type",
                table: "jobs",
                column: "Type");

            migrationBuilder.CreateIndex(
                name: "IX_element_instances_BpmnProcessId_ElementId",
                table: "element_instances",
                columns: new[] { "BpmnProcessId", "ElementId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_jobs_Type",
                table: "jobs");

            migrationBuilder.DropIndex(
                name: "IX_element_instances_BpmnProcessId_ElementId",
                table: "element_instances");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_Type_State",
                table: "jobs",
                columns: new[] { "Type", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_element_instances_BpmnProcessId_ElementId_State",
                table: "element_instances",
                columns: new[] { "BpmnProcessId", "ElementId", "State" });
        }
    }
}
