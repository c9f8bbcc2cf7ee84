using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestrator.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// The function with which the journal's statements fail their transaction when a claim of the batch no longer holds
    /// (<c>ClaimCheck.BrokenFunction</c>, SQLSTATE <c>OR001</c>): the batch then commits in the round trip that checks it.
    /// </summary>
    public partial class ClaimAssertions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION orchestrator_claim_broken(what text) RETURNS integer LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'a claim of the batch no longer holds: %', what USING ERRCODE = 'OR001';
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS orchestrator_claim_broken(text);");
        }
    }
}
