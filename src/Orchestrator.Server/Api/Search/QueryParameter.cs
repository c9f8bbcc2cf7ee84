using System.Linq.Expressions;

namespace Orchestrator.Server.Api.Search;

/// <summary>
/// A value for a hand-built query expression that reaches the database as a parameter: EF Core writes constants into
/// the SQL text (a new query plan for every value, and the value's characters in the SQL), but reads what an object holds.
/// </summary>
public static class QueryParameter
{
    /// <summary>An expression reading <paramref name="value"/> from the object that holds it.</summary>
    public static Expression Of<T>(T value) => Expression.Field(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    private sealed class Box<T>(T value)
    {
        public readonly T Value = value;
    }
}
