using System.Diagnostics;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Evaluation;

/// <summary>
/// What one evaluation carries besides variables: the clock for <c>now()</c>/<c>today()</c>, the
/// function registry, and the warnings collected so far. Not thread-safe; one per evaluation.
/// </summary>
public sealed class FeelEvaluationContext
{
    /// <summary>The most items a list built by the evaluator (ranges, <c>for</c>) may have.</summary>
    internal const int MaxListSize = 1_000_000;

    /// <summary>How deeply user-defined functions may call each other.</summary>
    internal const int MaxCallDepth = 1_000;

    /// <summary>
    /// How many steps one evaluation may take: a second or two of work. A user function call and a loop, quantifier or filter
    /// iteration count one step per token of the body they run; a built-in function counts one per value it is given (every
    /// nested item, a string per 64 characters) and one per comparison it makes between items; a warning counts
    /// <see cref="WarningSteps"/>.
    /// </summary>
    internal const long MaxSteps = 10_000_000;

    /// <summary>What a warning costs in steps: writing its message is work too, and a loop can write one per iteration.</summary>
    private const int WarningSteps = 16;

    /// <summary>How long regular expressions may run in one evaluation, all matches together.</summary>
    internal static readonly TimeSpan MaxRegexTime = TimeSpan.FromSeconds(1);

    /// <summary>More warnings than this are dropped: a runaway recursion would otherwise collect thousands.</summary>
    private const int MaxWarnings = 100;

    private List<FeelWarning>? _warnings;
    private long _steps;
    private TimeSpan _regexTime;

    /// <summary>Creates a context.</summary>
    public FeelEvaluationContext(TimeProvider clock, FeelFunctionRegistry functions)
    {
        Clock = clock;
        Functions = functions;
    }

    /// <summary>The clock that <c>now()</c> and <c>today()</c> read.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The functions that names resolve to when no variable has that name.</summary>
    public FeelFunctionRegistry Functions { get; }

    /// <summary>The warnings so far (empty when none).</summary>
    public IReadOnlyList<FeelWarning> Warnings => (IReadOnlyList<FeelWarning>?)_warnings ?? [];

    /// <summary>How many warnings were recorded so far (also those dropped past the cap).</summary>
    internal int WarningCount { get; private set; }

    /// <summary>How many user-defined function calls are in progress.</summary>
    internal int CallDepth { get; set; }

    /// <summary>Counts one step; past <see cref="MaxSteps"/> the evaluation stops with a limit warning, however it loops or recurses.</summary>
    internal void Step() => Step(1);

    /// <summary>Counts <paramref name="count"/> steps at once (a built-in function's work).</summary>
    internal void Step(long count)
    {
        _steps += count;
        if (_steps > MaxSteps)
        {
            throw new FeelLimitException($"the evaluation took more than {MaxSteps:N0} steps (function calls and iterations); is a loop or recursion unbounded?");
        }
    }

    /// <summary>
    /// Runs one regular expression operation. Each match has its own timeout, but a loop can run a slow pattern over and
    /// over: once the matches of this evaluation ran longer than <see cref="MaxRegexTime"/> together, the evaluation stops.
    /// </summary>
    internal T MatchRegex<T>(Func<T> match)
    {
        if (_regexTime > MaxRegexTime)
        {
            throw new FeelLimitException($"regular expressions ran longer than {MaxRegexTime.TotalSeconds:N0} s in this evaluation; is a pattern matched in a loop?");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            return match();
        }
        finally
        {
            _regexTime += Stopwatch.GetElapsedTime(started);
        }
    }

    /// <summary>Records a warning.</summary>
    public void Warn(FeelWarningKind kind, string message)
    {
        // Counted without the check: a warning never throws, the next step stops the evaluation.
        _steps += WarningSteps;
        _warnings ??= [];
        WarningCount++;
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(new FeelWarning(kind, message));
        }
        else if (kind == FeelWarningKind.LimitExceeded && _warnings[^1].Kind != FeelWarningKind.LimitExceeded)
        {
            // Why the evaluation stopped matters more than the hundredth warning before it.
            _warnings[^1] = new FeelWarning(kind, message);
        }
    }
}
