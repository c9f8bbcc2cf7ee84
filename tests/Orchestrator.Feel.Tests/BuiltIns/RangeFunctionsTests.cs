using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.BuiltIns;

/// <summary>The rows of DMN 1.5 Table 78 (range functions), each with its stated result.</summary>
public class RangeFunctionsTests
{
    [Theory]
    [InlineData("before(1, 10)", "true")]
    [InlineData("before(10, 1)", "false")]
    [InlineData("before(1, [2..5])", "true")]
    [InlineData("before(1, (1..5])", "true")]
    [InlineData("before(1, [1..5])", "false")]
    [InlineData("before([1..5], 10)", "true")]
    [InlineData("before([1..5), 5)", "true")]
    [InlineData("before([1..5], 5)", "false")]
    [InlineData("before([1..5], [6..10])", "true")]
    [InlineData("before([1..5), [5..10])", "true")]
    [InlineData("before([1..5], [5..10])", "false")]
    [InlineData("before([1..5], (5..10])", "true")]
    [InlineData("after(10, 1)", "true")]
    [InlineData("after(1, 10)", "false")]
    [InlineData("after(12, [2..5])", "true")]
    [InlineData("after(5, [1..5))", "true")]
    [InlineData("after(5, [1..5])", "false")]
    [InlineData("after([11..20], 10)", "true")]
    [InlineData("after((5..10], 5)", "true")]
    [InlineData("after([5..10], 5)", "false")]
    [InlineData("after([6..10], [1..5])", "true")]
    [InlineData("after((5..10], [1..5])", "true")]
    [InlineData("after([5..10], [1..5])", "false")]
    [InlineData("meets([1..5], [5..10])", "true")]
    [InlineData("meets([1..3], [4..6])", "false")]
    [InlineData("meets([1..5), [5..10])", "false")]
    [InlineData("met by([5..10], [1..5])", "true")]
    [InlineData("met by((5..10], [1..5])", "false")]
    [InlineData("overlaps([1..5], [3..8])", "true")]
    [InlineData("overlaps([3..8], [1..5])", "true")]
    [InlineData("overlaps([1..8], [3..5])", "true")]
    [InlineData("overlaps([1..5], [6..8])", "false")]
    [InlineData("overlaps([1..5], [5..8])", "true")]
    [InlineData("overlaps([1..5], (5..8])", "false")]
    [InlineData("overlaps([1..5), [5..8])", "false")]
    [InlineData("overlaps before([1..5], [3..8])", "true")]
    [InlineData("overlaps before([1..5], [6..8])", "false")]
    [InlineData("overlaps before([1..5], [5..8])", "true")]
    [InlineData("overlaps before([1..5), [5..8])", "false")]
    [InlineData("overlaps before([1..5), (1..5])", "true")]
    [InlineData("overlaps after([3..8], [1..5])", "true")]
    [InlineData("overlaps after([6..8], [1..5])", "false")]
    [InlineData("overlaps after([5..8], [1..5])", "true")]
    [InlineData("overlaps after((1..5], [1..5))", "true")]
    [InlineData("finishes(10, [1..10])", "true")]
    [InlineData("finishes(10, [1..10))", "false")]
    [InlineData("finishes([5..10], [1..10])", "true")]
    [InlineData("finishes([5..10), [1..10))", "true")]
    [InlineData("finishes([1..10], [1..10])", "true")]
    [InlineData("finishes((1..10], [1..10])", "true")]
    [InlineData("finished by([1..10], 10)", "true")]
    [InlineData("finished by([1..10), 10)", "false")]
    [InlineData("finished by([1..10], [5..10])", "true")]
    [InlineData("finished by([1..10], (1..10])", "true")]
    [InlineData("includes([1..10], 5)", "true")]
    [InlineData("includes([1..10], 12)", "false")]
    [InlineData("includes([1..10], 1)", "true")]
    [InlineData("includes((1..10], 1)", "false")]
    [InlineData("includes([1..10], [4..6])", "true")]
    [InlineData("includes([1..10], [1..10])", "true")]
    [InlineData("includes((1..10], (1..10))", "true")]
    [InlineData("includes([1..10), (1..10])", "false")]
    [InlineData("during(5, [1..10])", "true")]
    [InlineData("during(12, [1..10])", "false")]
    [InlineData("during(1, (1..10])", "false")]
    [InlineData("during([4..6], [1..10))", "true")]
    [InlineData("during((1..5], (1..10])", "true")]
    [InlineData("starts(1, [1..5])", "true")]
    [InlineData("starts(1, (1..8])", "false")]
    [InlineData("starts([1..5], [1..10])", "true")]
    [InlineData("starts((1..5], [1..10])", "false")]
    [InlineData("starts((1..10), (1..10))", "true")]
    [InlineData("started by([1..10], 1)", "true")]
    [InlineData("started by((1..10], 1)", "false")]
    [InlineData("started by([1..10], [1..5])", "true")]
    [InlineData("started by((1..10], (1..5))", "true")]
    [InlineData("coincides(5, 5)", "true")]
    [InlineData("coincides(3, 4)", "false")]
    [InlineData("coincides([1..5], [1..5])", "true")]
    [InlineData("coincides((1..5], [1..5))", "false")]
    [InlineData("coincides([1..5], [2..6])", "false")]
    public void Relation_MatchesTheSpecTable(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Theory]
    [InlineData("before(1, > 5)", "true")]
    [InlineData("before(1, < 5)", "false")]
    [InlineData("before(7, > 5)", "false")]
    [InlineData("after(10, <= 5)", "true")]
    [InlineData("includes(>= 5, 100000)", "true")]
    [InlineData("includes(>= 5, 4)", "false")]
    [InlineData("before(date(\"2024-01-01\"), [date(\"2024-02-01\")..date(\"2024-03-01\")])", "true")]
    [InlineData("before(range1: [1..5], range2: [6..10])", "true")]
    [InlineData("before(point: 1, range: [2..5])", "true")]
    [InlineData("includes(range: [1..10], point: 5)", "true")]
    [InlineData("before(1, \"a\")", "null")]
    [InlineData("meets(1, [1..2])", "null")]
    [InlineData("before([1..2], [\"a\"..\"b\"])", "null")]
    public void OpenRangesDatesNamedArgumentsAndMismatches_Work(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }
}
