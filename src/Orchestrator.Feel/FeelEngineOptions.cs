using Orchestrator.Feel.Functions;

namespace Orchestrator.Feel;

/// <summary>Settings for a <see cref="FeelEngine"/>.</summary>
public sealed class FeelEngineOptions
{
    /// <summary>The clock for <c>now()</c> and <c>today()</c>. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The functions expressions can call. Default: <see cref="FeelFunctionRegistry.CreateDefault"/>.</summary>
    public FeelFunctionRegistry? Functions { get; init; }

    /// <summary>How many parsed expressions to keep, keyed by text. Default 10,000; when full, the cache is cleared.</summary>
    public int CacheSize { get; init; } = 10_000;

    /// <summary>How deeply expressions may nest before parsing refuses them (keeps malformed input from overflowing the stack). Default 200.</summary>
    public int MaxNestingDepth { get; init; } = 200;
}
