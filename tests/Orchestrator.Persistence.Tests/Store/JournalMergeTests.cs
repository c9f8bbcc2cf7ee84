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
}
