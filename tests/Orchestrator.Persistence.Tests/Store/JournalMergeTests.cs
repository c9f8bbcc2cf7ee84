using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Persistence.Tests.Store;

/// <summary>
/// A batch's changes to one row become one change, and the commits' own rows stay as they were: on a shared database the
/// journal merges a batch before its claims are checked, and when one commit is left out merges the others again — a patch of
/// the left-out commit copied into another commit's row would be written with it.
/// </summary>
public sealed class JournalMergeTests
{
    [Fact]
    public void Patches_merge_into_a_copy_and_merged_again_without_one_leave_it_out()
    {
        VariableRow Variable(string value) => new() { ScopeKey = 1, Name = "x", Key = 7, ProcessInstanceKey = 1, Value = value };
        var inserted = new RowChange(Variable("1"), RowOp.Insert, (1L, "x"));
        var patched = new RowChange(Variable("2"), RowOp.Patch, (1L, "x")) { Patched = [nameof(VariableRow.Value)] };
        var patchedAgain = new RowChange(Variable("3"), RowOp.Patch, (1L, "x")) { Patched = [nameof(VariableRow.Value)] };

        var all = JournalWriter.Merge([inserted, patched, patchedAgain]);

        var merged = Assert.Single(all);
        Assert.Equal(RowOp.Insert, merged.Op);
        Assert.Equal("3", ((VariableRow)merged.Row).Value);
        Assert.Equal(["1", "2", "3"], new[] { inserted, patched, patchedAgain }.Select(c => ((VariableRow)c.Row).Value));

        // The second commit left out: the first's insert and the third's patch only.
        Assert.Equal("3", ((VariableRow)Assert.Single(JournalWriter.Merge([inserted, patchedAgain])).Row).Value);
        Assert.Equal("1", ((VariableRow)Assert.Single(JournalWriter.Merge([inserted])).Row).Value);

        // Two patches of a row the batch did not insert set both commits' columns, on a copy too.
        var first = new RowChange(Variable("4"), RowOp.Patch, (1L, "x")) { Patched = [nameof(VariableRow.Value)] };
        var second = new RowChange(new VariableRow { ScopeKey = 1, Name = "x", Key = 7, ProcessInstanceKey = 9, Value = "5" }, RowOp.Patch, (1L, "x"))
        {
            Patched = [nameof(VariableRow.ProcessInstanceKey)],
        };
        var both = Assert.Single(JournalWriter.Merge([first, second]));
        Assert.Equal((RowOp.Patch, "4", 9L), (both.Op, ((VariableRow)both.Row).Value, ((VariableRow)both.Row).ProcessInstanceKey));
        Assert.Equal([nameof(VariableRow.Value), nameof(VariableRow.ProcessInstanceKey)], both.Patched!);
        Assert.Equal(1L, ((VariableRow)first.Row).ProcessInstanceKey);
    }

    /// <summary>A row inserted, deleted and written again in one batch is one change, not two of the same row.</summary>
    [Fact]
    public void A_row_inserted_deleted_and_written_again_is_one_change()
    {
        VariableRow Variable(string value) => new() { ScopeKey = 1, Name = "x", Key = 7, ProcessInstanceKey = 1, Value = value };
        var other = new RowChange(new VariableRow { ScopeKey = 2, Name = "y", Key = 8, ProcessInstanceKey = 2, Value = "0" }, RowOp.Update, (2L, "y"));

        var all = JournalWriter.Merge([
            new RowChange(Variable("1"), RowOp.Insert, (1L, "x")), other, new RowChange(Variable("1"), RowOp.Delete, (1L, "x")),
            new RowChange(Variable("2"), RowOp.Update, (1L, "x"))]);

        Assert.Equal([((1L, "x"), RowOp.Update, "2"), ((2L, "y"), RowOp.Update, "0")],
            all.Select(c => (((long, string))c.Id, c.Op, ((VariableRow)c.Row).Value)));
    }
}
