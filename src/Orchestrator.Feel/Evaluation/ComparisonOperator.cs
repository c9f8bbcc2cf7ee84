namespace Orchestrator.Feel.Evaluation;

/// <summary>The comparison operators, in expressions and in unary tests.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
