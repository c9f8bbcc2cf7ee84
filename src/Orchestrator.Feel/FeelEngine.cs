using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>
/// Parses FEEL once into a compiled form (cached by text) and evaluates it many times. Thread-safe.
/// Parsing reports syntax errors with line and column; evaluation never throws: invalid operations
/// give FEEL null plus a warning, as feel-scala does.
/// </summary>
public sealed class FeelEngine
{
    /// <summary>Creates an engine.</summary>
    public FeelEngine(FeelEngineOptions? options = null)
    {
        Options = options ?? new FeelEngineOptions();
        Functions = Options.Functions ?? FeelFunctionRegistry.CreateDefault();
    }

    /// <summary>An engine with default options (system clock, all built-in functions).</summary>
    public static FeelEngine Default { get; } = new();

    /// <summary>The settings.</summary>
    public FeelEngineOptions Options { get; }

    /// <summary>The functions expressions can call.</summary>
    public FeelFunctionRegistry Functions { get; }

    /// <summary>Parses an expression (without the leading <c>=</c> of BPMN attributes), or throws <see cref="FeelSyntaxException"/>.</summary>
    public FeelExpression Parse(string expression) => throw new NotImplementedException();

    /// <summary>Parses an expression; on failure returns false with the error.</summary>
    public bool TryParse(string expression, [NotNullWhen(true)] out FeelExpression? compiled, [NotNullWhen(false)] out FeelSyntaxError? error) =>
        throw new NotImplementedException();

    /// <summary>Parses unary tests (<c>&gt; 5, [1..3], "a"</c>, <c>-</c>, <c>not(...)</c>, or an expression using <c>?</c>), or throws <see cref="FeelSyntaxException"/>.</summary>
    public FeelUnaryTests ParseUnaryTests(string unaryTests) => throw new NotImplementedException();

    /// <summary>Parses unary tests; on failure returns false with the error.</summary>
    public bool TryParseUnaryTests(string unaryTests, [NotNullWhen(true)] out FeelUnaryTests? compiled, [NotNullWhen(false)] out FeelSyntaxError? error) =>
        throw new NotImplementedException();

    /// <summary>Parses (cached) and evaluates an expression. A syntax error gives FEEL null and a warning rather than an exception.</summary>
    public FeelResult Evaluate(string expression, IFeelScope? variables = null) => throw new NotImplementedException();
}
