using System.Globalization;
using System.Text;
using CsCheck;

namespace Orchestrator.Fuzz.Tests.Support;

/// <summary>
/// Runs a property over cases drawn from a CsCheck generator, reproducibly: case <c>i</c> of a property is generated
/// from the PCG seed <c>base + i</c>, where the base is fixed per property (CI runs the same cases every time) unless
/// <see cref="SeedVariable"/> says otherwise. <see cref="ScaleVariable"/> multiplies the number of cases for a longer
/// local campaign. A failure names the property, the base seed and the case, prints the case, and adds the smaller
/// failing case CsCheck shrinks it to.
/// </summary>
internal static class Fuzzer
{
    /// <summary>Multiplies every property's number of cases (default 1, what CI runs).</summary>
    public const string ScaleVariable = "ORCHESTRATOR_FUZZ_SCALE";

    /// <summary>A base seed (a number) for every property, or <c>random</c> for a new one each run; unset, each property has its own fixed seed.</summary>
    public const string SeedVariable = "ORCHESTRATOR_FUZZ_SEED";

    private const int MaxPrinted = 4000;

    private static readonly uint Stream = 0x0FE1;

    /// <summary>How many times the configured number of cases to run.</summary>
    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable(ScaleVariable), CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : 1;

    /// <summary>
    /// Checks <paramref name="property"/> on <paramref name="cases"/> (times <see cref="Scale"/>) generated cases. A case
    /// fails when the property throws or runs longer than <paramref name="budget"/> (a hang).
    /// </summary>
    public static Task Check<T>(string name, Gen<T> gen, int cases, TimeSpan budget, Action<T> property, Func<T, string> print) =>
        CheckAsync(name, gen, cases, budget, value =>
        {
            property(value);
            return Task.CompletedTask;
        }, print);

    /// <summary>As <see cref="Check{T}"/>, for a property that runs asynchronously (an HTTP call).</summary>
    public static async Task CheckAsync<T>(string name, Gen<T> gen, int cases, TimeSpan budget, Func<T, Task> property, Func<T, string> print)
    {
        var seed = BaseSeed(name);
        var total = cases * Scale;
        for (var i = 0; i < total; i++)
        {
            var pcg = new PCG(Stream, seed + (ulong)i);
            var caseSeed = pcg.ToString();
            var value = gen.Generate(pcg, null, out _);
            var text = print(value);
            InFlight.Write(name, $"{SeedVariable}={seed} case {i} (CsCheck seed {caseSeed})", text);
            var failure = await WithinAsync(budget, () => property(value)).ConfigureAwait(false);
            if (failure is not null)
            {
                var message = new StringBuilder()
                    .AppendLine(CultureInfo.InvariantCulture, $"{name}: case {i} of {total} failed; reproduce with {SeedVariable}={seed} (CsCheck seed \"{caseSeed}\").")
                    .AppendLine(CultureInfo.InvariantCulture, $"case: {Clip(text)}")
                    .AppendLine(CultureInfo.InvariantCulture, $"failure: {failure}");
                if (failure is not TimeoutException)
                {
                    message.AppendLine(await ShrinkAsync(gen, property, print, caseSeed, budget).ConfigureAwait(false));
                }

                Assert.Fail(message.ToString());
            }
        }

        InFlight.Clear(name);
    }

    /// <summary>The base seed of a property: the variable's, or a fixed hash of the property's name.</summary>
    private static ulong BaseSeed(string name)
    {
        var configured = Environment.GetEnvironmentVariable(SeedVariable);
        if (string.Equals(configured, "random", StringComparison.OrdinalIgnoreCase))
        {
            return (ulong)Random.Shared.NextInt64();
        }

        if (ulong.TryParse(configured, CultureInfo.InvariantCulture, out var seed))
        {
            return seed;
        }

        // FNV-1a: stable across runs and runtimes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>Runs a property on the thread pool (where the server runs requests); the exception it threw, a <see cref="TimeoutException"/> past the budget, or null.</summary>
    private static async Task<Exception?> WithinAsync(TimeSpan budget, Func<Task> property)
    {
        try
        {
            await Task.Run(property).WaitAsync(budget).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return new TimeoutException($"still running after {budget.TotalSeconds:N0} s");
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task<string> ShrinkAsync<T>(Gen<T> gen, Func<T, Task> property, Func<T, string> print, string caseSeed, TimeSpan budget)
    {
        try
        {
            await gen.SampleAsync(async value =>
            {
                if (await WithinAsync(budget, () => property(value)).ConfigureAwait(false) is { } failure)
                {
                    throw failure;
                }
            }, seed: caseSeed, time: 10, threads: 1, print: value => Clip(print(value))).ConfigureAwait(false);
            return "(CsCheck could not shrink it)";
        }
        catch (CsCheckException shrunk)
        {
            return "shrunk by CsCheck to: " + shrunk.Message + Environment.NewLine + "its failure: " + shrunk.InnerException;
        }
    }

    private static string Clip(string text) => text.Length <= MaxPrinted ? text : text[..MaxPrinted] + $"... ({text.Length:N0} characters)";
}
