using System.Globalization;

namespace Orchestrator.Feel.Values;

/// <summary>
/// FEEL <c>number</c>: an exact decimal (never a binary double). Operations that leave the
/// range of <see cref="decimal"/> give FEEL <c>null</c>.
/// </summary>
public sealed class FeelNumber : FeelValue
{
    private static readonly FeelNumber[] SmallIntegers = CreateSmallIntegers();

    /// <summary>Creates a number.</summary>
    public FeelNumber(decimal value) => Value = value;

    /// <summary>The CLR value.</summary>
    public decimal Value { get; }

    /// <summary>FEEL <c>0</c>.</summary>
    public static FeelNumber Zero => SmallIntegers[0];

    /// <summary>A number, shared for small integers so hot loops do not allocate.</summary>
    public static FeelNumber Of(decimal value)
    {
        if (value >= 0 && value < SmallIntegers.Length && decimal.IsInteger(value))
        {
            return SmallIntegers[(int)value];
        }

        return new FeelNumber(value);
    }

    /// <summary>A number from an integer.</summary>
    public static FeelNumber Of(long value) =>
        value >= 0 && value < SmallIntegers.Length ? SmallIntegers[value] : new FeelNumber(value);

    /// <inheritdoc />
    public override string TypeName => "number";

    /// <inheritdoc />
    public override bool Equals(FeelValue? other) => other is FeelNumber n && n.Value == Value;

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>The shortest exact rendering, without trailing zeros after the decimal point (<c>1.50</c> prints <c>1.5</c>).</summary>
    public override string ToString() => Format(Value);

    /// <summary>Formats a decimal the way FEEL prints numbers: invariant culture, no exponent, no trailing fractional zeros.</summary>
    public static string Format(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Contains('.', StringComparison.Ordinal))
        {
            text = text.TrimEnd('0').TrimEnd('.');
        }

        return text == "-0" ? "0" : text;
    }

    private static FeelNumber[] CreateSmallIntegers()
    {
        var numbers = new FeelNumber[256];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = new FeelNumber(i);
        }

        return numbers;
    }
}
