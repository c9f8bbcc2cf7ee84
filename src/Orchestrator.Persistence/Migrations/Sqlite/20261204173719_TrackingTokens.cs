using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// The index customers' tracking links are found by: the first 64 characters of the values of variables named
    /// trackingToken (a token's JSON value is 34). Partial and on an expression, so other variables cost nothing and a
    /// huge value set under that name cannot exceed an index entry's size.
    /// </summary>
    public partial class TrackingTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_variables_trackingToken" ON variables (substr("Value", 1, 64)) WHERE "Name" = 'trackingToken';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_variables_trackingToken";""");
        }
    }
}
