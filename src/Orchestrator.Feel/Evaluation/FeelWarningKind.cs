namespace Orchestrator.Feel.Evaluation;

/// <summary>Why an evaluation produced a warning (the names follow feel-scala's failure types).</summary>
public enum FeelWarningKind
{
    /// <summary>A name was not found in scope; it evaluated to null.</summary>
    NoVariableFound,

    /// <summary>A path <c>a.b</c> named an entry the context does not have.</summary>
    NoContextEntryFound,

    /// <summary>No function of that name accepts these arguments.</summary>
    NoFunctionFound,

    /// <summary>A function was called with arguments it cannot use (wrong type, out of range).</summary>
    FunctionInvocationFailure,

    /// <summary>Two values of types that cannot be compared or combined.</summary>
    NotComparable,

    /// <summary>A value of the wrong type where another was expected (e.g. a non-boolean in <c>and</c>).</summary>
    InvalidType,

    /// <summary>An operation that has no result (division by zero, overflow, invalid temporal value).</summary>
    InvalidOperation,

    /// <summary>A path <c>x.p</c> named a property the value (a date, a range, ...) does not have.</summary>
    NoPropertyFound,

    /// <summary>The expression text does not parse; <see cref="FeelEngine.Evaluate(string, Values.IFeelScope?)"/> then gives null.</summary>
    SyntaxError,

    /// <summary>Evaluation stopped at a limit: too deep recursion, or a list too large to build.</summary>
    LimitExceeded,

    /// <summary>An <c>assert(...)</c> whose condition did not hold; the message is its cause.</summary>
    AssertionFailure,
}
