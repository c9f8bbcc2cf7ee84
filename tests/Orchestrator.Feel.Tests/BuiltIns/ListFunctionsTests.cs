using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.BuiltIns;

public class ListFunctionsTests
{
    [Theory]
    [InlineData("list contains([1, 2, 3], 2)", "true")]
    [InlineData("list contains([1, 2, 3], 4)", "false")]
    [InlineData("list contains([1, null], null)", "true")]
    [InlineData("list contains([date(\"2019-01-01\")], @\"2019-01-01\")", "true")]
    [InlineData("count([1, 2, 3])", "3")]
    [InlineData("count([])", "0")]
    [InlineData("count([1, [2, 3]])", "2")]
    [InlineData("min([1, 2, 3])", "1")]
    [InlineData("min(1)", "1")]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("min([])", "null")]
    [InlineData("max(1, 2, 3)", "3")]
    [InlineData("max([\"a\", \"c\", \"b\"])", "\"c\"")]
    [InlineData("max([date(\"2019-01-01\"), date(\"2020-01-01\")])", "2020-01-01")]
    [InlineData("min([1, \"a\"])", "null")]
    [InlineData("sum([1, 2, 3])", "6")]
    [InlineData("sum(1, 2, 3)", "6")]
    [InlineData("sum(1)", "1")]
    [InlineData("sum([])", "null")]
    [InlineData("sum([1, \"a\"])", "null")]
    [InlineData("mean([1, 2, 3])", "2")]
    [InlineData("mean(1, 2, 3)", "2")]
    [InlineData("mean([])", "null")]
    [InlineData("median(8, 2, 5, 3, 4)", "4")]
    [InlineData("median([6, 1, 2, 3])", "2.5")]
    [InlineData("median([])", "null")]
    [InlineData("stddev(2, 4, 7, 5)", "2.081665999466132735282297707")]
    [InlineData("stddev([47])", "null")]
    [InlineData("mode(6, 3, 9, 6, 6)", "[6]")]
    [InlineData("mode([6, 1, 9, 6, 1])", "[1, 6]")]
    [InlineData("mode([])", "[]")]
    [InlineData("product([2, 3, 4])", "24")]
    [InlineData("product(2, 3, 4)", "24")]
    [InlineData("all([false, null, true])", "false")]
    [InlineData("all(true)", "true")]
    [InlineData("all([true])", "true")]
    [InlineData("all([])", "true")]
    [InlineData("all(0)", "null")]
    [InlineData("all([true, null])", "null")]
    [InlineData("any([false, null, true])", "true")]
    [InlineData("any(false)", "false")]
    [InlineData("any([])", "false")]
    [InlineData("any([false, null])", "null")]
    [InlineData("sublist([4, 5, 6], 1, 2)", "[4, 5]")]
    [InlineData("sublist([4, 5, 6], -2)", "[5, 6]")]
    [InlineData("sublist([4, 5, 6], 4)", "null")]
    [InlineData("sublist([4, 5, 6], 2, 5)", "null")]
    [InlineData("append([1], 2, 3)", "[1, 2, 3]")]
    [InlineData("append([], [1])", "[[1]]")]
    [InlineData("concatenate([1, 2], [3])", "[1, 2, 3]")]
    [InlineData("concatenate([1], 2)", "null")]
    [InlineData("insert before([1, 3], 1, 2)", "[2, 1, 3]")]
    [InlineData("insert before([1, 3], -1, 2)", "[1, 2, 3]")]
    [InlineData("insert before([1, 3], 3, 2)", "null")]
    [InlineData("remove([1, 2, 3], 2)", "[1, 3]")]
    [InlineData("remove([1, 2, 3], -1)", "[1, 2]")]
    [InlineData("remove([1, 2, 3], 0)", "null")]
    [InlineData("reverse([1, 2, 3])", "[3, 2, 1]")]
    [InlineData("index of([1, 2, 3, 2], 2)", "[2, 4]")]
    [InlineData("index of([1, 2], 5)", "[]")]
    [InlineData("union([1, 2], [2, 3])", "[1, 2, 3]")]
    [InlineData("distinct values([1, 2, 3, 2, 1])", "[1, 2, 3]")]
    [InlineData("distinct values([1, 1.0, \"1\"])", "[1, \"1\"]")]
    [InlineData("flatten([[1, 2], [[3]], 4])", "[1, 2, 3, 4]")]
    [InlineData("sort([3, 1, 4, 5, 2])", "[1, 2, 3, 4, 5]")]
    [InlineData("sort(list: [3, 1, 4, 5, 2], precedes: function(x, y) x < y)", "[1, 2, 3, 4, 5]")]
    [InlineData("sort([3, 1, 4, 5, 2], function(x, y) x > y)", "[5, 4, 3, 2, 1]")]
    [InlineData("sort([{n: \"b\", p: 2}, {n: \"a\", p: 2}, {n: \"c\", p: 1}], function(x, y) x.p < y.p).n", "[\"c\", \"b\", \"a\"]")]
    [InlineData("sort([1, \"a\"])", "null")]
    [InlineData("sort([2, 1], function(x, y) 1)", "null")]
    [InlineData("is empty([])", "true")]
    [InlineData("is empty([1])", "false")]
    [InlineData("partition([1, 2, 3, 4, 5], 2)", "[[1, 2], [3, 4], [5]]")]
    [InlineData("partition([1, 2], 0)", "null")]
    [InlineData("duplicate values([1, 2, 3, 2, 1, 1])", "[2, 1]")]
    [InlineData("get or else(null, \"default\")", "\"default\"")]
    [InlineData("get or else(\"value\", \"default\")", "\"value\"")]
    [InlineData("list replace([1, 2, 3], 2, 4)", "[1, 4, 3]")]
    [InlineData("list replace([2, 4, 7, 8], function(item, newItem) item < newItem, 5)", "[5, 5, 7, 8]")]
    [InlineData("count(\"abc\")", "null")]
    public void Function_GivesTheSpecResult(string expression, string expected)
    {
        // Act
        var result = Show(expression);

        // Assert
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Sort_WithAnInconsistentPrecedesFunction_StillReturnsEveryItem()
    {
        // Act: "precedes" answers true both ways, which would make a comparison sort throw.
        var result = Show("count(sort([5, 3, 9, 1, 7, 2, 8], function(x, y) true))");

        // Assert
        Assert.Equal("7", result);
    }
}
