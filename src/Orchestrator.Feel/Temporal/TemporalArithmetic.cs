using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Temporal;

/// <summary>
/// Arithmetic and comparison of temporal values as DMN 1.5 §10.3.2.3 defines them. Each method
/// returns CLR null when the operand types are not a temporal combination it knows, so the
/// caller can report "not comparable"; FEEL null when the combination is known but has no value.
/// </summary>
internal static class TemporalArithmetic
{
    /// <summary>Compares two temporal values of comparable types; null when they are not comparable.</summary>
    public static int? Compare(FeelValue left, FeelValue right) => throw new NotImplementedException();

    public static FeelValue? Add(FeelValue left, FeelValue right) => throw new NotImplementedException();

    public static FeelValue? Subtract(FeelValue left, FeelValue right) => throw new NotImplementedException();

    /// <summary>duration × number, number × duration.</summary>
    public static FeelValue? Multiply(FeelValue left, FeelValue right) => throw new NotImplementedException();

    /// <summary>duration ÷ number, duration ÷ duration (of the same kind).</summary>
    public static FeelValue? Divide(FeelValue left, FeelValue right) => throw new NotImplementedException();

    public static FeelValue? Negate(FeelValue value) => throw new NotImplementedException();
}
