using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Syntax;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel;

/// <summary>
/// Parses FEEL once into a compiled form (cached by text) and evaluates it many times. Thread-safe.
/// Parsing reports syntax errors with line and column; evaluation never throws: invalid operations
/// give FEEL null plus a warning, as feel-scala does.
/// </summary>
public sealed class FeelEngine
{
    private readonly ConcurrentDictionary<string, FeelExpression> _expressions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FeelUnaryTests> _unaryTests = new(StringComparer.Ordinal);
    private NameIndex _names = NameIndex.Empty;
    private int _expressionCount;
    private int _unaryTestsCount;

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
    public FeelExpression Parse(string expression) =>
        TryParse(expression, out var compiled, out var error) ? compiled : throw new FeelSyntaxException(expression ?? string.Empty, error);

    /// <summary>Parses an expression; on failure returns false with the error.</summary>
    public bool TryParse(string expression, [NotNullWhen(true)] out FeelExpression? compiled, [NotNullWhen(false)] out FeelSyntaxError? error)
    {
        if (expression is null)
        {
            compiled = null;
            error = new FeelSyntaxError("expected an expression but found null", 1, 1);
            return false;
        }

        if (_expressions.TryGetValue(expression, out compiled))
        {
            error = null;
            return true;
        }

        if (!TryParseUncached(expression, out compiled, out error))
        {
            return false;
        }

        Remember(_expressions, ref _expressionCount, expression, compiled);
        return true;
    }

    /// <summary>
    /// Parses an expression in which the host's variables <paramref name="knownNames"/> (a DMN model's inputs, decisions and
    /// knowledge models) read as one name each even when they hold spaces around keywords or the symbols <c>. / - + *</c>
    /// (<c>Pre-Bureau Risk Category</c>). Not cached: a host that declares names keeps what it parsed.
    /// </summary>
    public bool TryParse(string expression, IReadOnlyCollection<string> knownNames, [NotNullWhen(true)] out FeelExpression? compiled, [NotNullWhen(false)] out FeelSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(knownNames);
        if (knownNames.Count == 0 || expression is null)
        {
            return TryParse(expression!, out compiled, out error);
        }

        return TryParseUncached(expression, out compiled, out error, knownNames);
    }

    /// <summary>Parses unary tests in which <paramref name="knownNames"/> read as one name each (see the expression overload). Not cached.</summary>
    public bool TryParseUnaryTests(string unaryTests, IReadOnlyCollection<string> knownNames, [NotNullWhen(true)] out FeelUnaryTests? compiled, [NotNullWhen(false)] out FeelSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(knownNames);
        if (knownNames.Count == 0 || unaryTests is null)
        {
            return TryParseUnaryTests(unaryTests!, out compiled, out error);
        }

        return TryParseUnaryTestsUncached(unaryTests, out compiled, out error, knownNames);
    }

    /// <summary>Parses without consulting or filling the cache (what a cache miss costs; the parse benchmark measures it).</summary>
    internal bool TryParseUncached(string expression, [NotNullWhen(true)] out FeelExpression? compiled, [NotNullWhen(false)] out FeelSyntaxError? error,
        IReadOnlyCollection<string>? knownNames = null)
    {
        if (!TryCompile(expression, (text, names, depth) => Parser.ParseExpression(text, names, depth, knownNames), out var root, out error))
        {
            compiled = null;
            return false;
        }

        compiled = new FeelExpression(expression, root, this);
        return true;
    }

    private bool TryParseUnaryTestsUncached(string unaryTests, [NotNullWhen(true)] out FeelUnaryTests? compiled, [NotNullWhen(false)] out FeelSyntaxError? error,
        IReadOnlyCollection<string>? knownNames = null)
    {
        if (!TryCompile(unaryTests, (text, names, depth) => Parser.ParseUnaryTests(text, names, depth, knownNames), out var tests, out error))
        {
            compiled = null;
            return false;
        }

        compiled = new FeelUnaryTests(unaryTests, tests, this);
        return true;
    }

    /// <summary>Parses unary tests (<c>&gt; 5, [1..3], "a"</c>, <c>-</c>, <c>not(...)</c>, or an expression using <c>?</c>), or throws <see cref="FeelSyntaxException"/>.</summary>
    public FeelUnaryTests ParseUnaryTests(string unaryTests) =>
        TryParseUnaryTests(unaryTests, out var compiled, out var error) ? compiled : throw new FeelSyntaxException(unaryTests ?? string.Empty, error);

    /// <summary>Parses unary tests; on failure returns false with the error.</summary>
    public bool TryParseUnaryTests(string unaryTests, [NotNullWhen(true)] out FeelUnaryTests? compiled, [NotNullWhen(false)] out FeelSyntaxError? error)
    {
        if (unaryTests is null)
        {
            compiled = null;
            error = new FeelSyntaxError("expected unary tests but found null", 1, 1);
            return false;
        }

        if (_unaryTests.TryGetValue(unaryTests, out compiled))
        {
            error = null;
            return true;
        }

        if (!TryParseUnaryTestsUncached(unaryTests, out compiled, out error))
        {
            return false;
        }

        Remember(_unaryTests, ref _unaryTestsCount, unaryTests, compiled);
        return true;
    }

    /// <summary>Parses (cached) and evaluates an expression. A syntax error gives FEEL null and a warning rather than an exception.</summary>
    public FeelResult Evaluate(string expression, IFeelScope? variables = null)
    {
        if (TryParse(expression, out var compiled, out var error))
        {
            return compiled.Evaluate(variables);
        }

        return new FeelResult(FeelNull.Instance, [new FeelWarning(FeelWarningKind.SyntaxError, "syntax error at " + error)]);
    }

    /// <summary>Evaluates a node, turning an unexpected exception (a bug, or a host function that throws) into null and a warning.</summary>
    internal static FeelValue Guard(Node node, Env? env, FeelEvaluationContext context)
    {
        try
        {
            return node.Evaluate(env, context);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            return Failed(ex, context);
        }
    }

    internal static bool IsRecoverable(Exception ex) => ex is not (OutOfMemoryException or StackOverflowException or AccessViolationException);

    internal static FeelNull Failed(Exception ex, FeelEvaluationContext context)
    {
        if (ex is FeelLimitException)
        {
            context.Warn(FeelWarningKind.LimitExceeded, ex.Message);
        }
        else
        {
            context.Warn(FeelWarningKind.InvalidOperation, $"evaluation failed: {ex.GetType().Name}: {ex.Message}");
        }

        return FeelNull.Instance;
    }

    /// <summary>The 1-based line and column of a character offset.</summary>
    internal static (int Line, int Column) Locate(string text, int position)
    {
        position = Math.Clamp(position, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < position; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, position - lineStart + 1);
    }

    private bool TryCompile<T>(string text, Func<string, NameIndex, int, T> parse, [NotNullWhen(true)] out T? result, [NotNullWhen(false)] out FeelSyntaxError? error)
        where T : class
    {
        try
        {
            result = parse(text, CurrentNames(), Options.MaxNestingDepth);
            error = null;
            return true;
        }
        catch (FeelParseException ex)
        {
            var (line, column) = Locate(text, ex.Position);
            error = new FeelSyntaxError(ex.Message, line, column);
        }
        catch (Exception ex) when (IsRecoverable(ex))
        {
            // A parser bug must not escape as anything but a syntax error.
            error = new FeelSyntaxError($"the expression could not be parsed ({ex.GetType().Name})", 1, 1);
        }

        result = null;
        return false;
    }

    /// <summary>The names with spaces of the registered functions, rebuilt when functions were added since.</summary>
    private NameIndex CurrentNames()
    {
        var names = _names;
        var count = Functions.Names is ICollection<string> collection ? collection.Count : -1;
        if (names.SourceCount != count || count < 0)
        {
            names = NameIndex.Create(Functions.Names);
            _names = names;
        }

        return names;
    }

    private void Remember<T>(ConcurrentDictionary<string, T> cache, ref int count, string key, T value)
    {
        // ConcurrentDictionary.Count takes every lock; an approximate counter is enough for a size cap.
        if (Interlocked.Increment(ref count) > Options.CacheSize)
        {
            Interlocked.Exchange(ref count, 1);
            cache.Clear();
        }

        cache.TryAdd(key, value);
    }
}
