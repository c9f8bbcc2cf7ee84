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

    /// <summary>How many steps (user function calls, loop, quantifier and filter iterations) one evaluation may take: a few seconds of work.</summary>
    internal const long MaxSteps = 20_000_000;

    /// <summary>More warnings than this are dropped: a runaway recursion would otherwise collect thousands.</summary>
    private const int MaxWarnings = 100;

    private List<FeelWarning>? _warnings;
    private long _steps;

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
    internal void Step()
    {
        if (++_steps > MaxSteps)
        {
            throw new FeelLimitException($"the evaluation took more than {MaxSteps:N0} steps (function calls and iterations); is a loop or recursion unbounded?");
        }
    }

    /// <summary>Records a warning.</summary>
    public void Warn(FeelWarningKind kind, string message)
    {
        _warnings ??= [];
        WarningCount++;
        if (_warnings.Count < MaxWarnings)
        {
            _warnings.Add(new FeelWarning(kind, message));
        }
    }
}
