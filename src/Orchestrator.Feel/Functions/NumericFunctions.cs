using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>
/// Built-in numeric functions (DMN 1.5 10.3.4.5 and Camunda's <c>random number</c>). Everything is
/// decimal: rounding is exact, and <c>sqrt</c>, <c>log</c> and <c>exp</c> are computed to decimal's
/// precision. A result outside decimal's range is null with a warning.
/// </summary>
internal static class NumericFunctions
{
    // DMN 1.5 allows scales in [-6111..6176], the range of a decimal128 exponent.
    private const int MinScale = -6111;
    private const int MaxScale = 6176;

    // ln 2 to 28 significant digits.
    private const decimal Ln2 = 0.6931471805599453094172321215m;
    private const decimal Sqrt2 = 1.4142135623730950488016887242m;

    private enum Rounding
    {
        Up,
        Down,
        Ceiling,
        Floor,
        HalfUp,
        HalfDown,
        HalfEven,
    }

    public static void Register(FeelFunctionRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register("decimal", ["n", "scale"], (a, c) => Round("decimal", a[0], a[1], Rounding.HalfEven, c));
        RegisterRounding(registry, "floor", Rounding.Floor);
        RegisterRounding(registry, "ceiling", Rounding.Ceiling);
        RegisterRounding(registry, "round up", Rounding.Up);
        RegisterRounding(registry, "round down", Rounding.Down);
        RegisterRounding(registry, "round half up", Rounding.HalfUp);
        RegisterRounding(registry, "round half down", Rounding.HalfDown);

        // DMN names the parameter n; feel-scala also accepts number.
        registry.Register("abs", ["n"], Abs);
        registry.Register("abs", ["number"], Abs);
        registry.Register("modulo", ["dividend", "divisor"], Modulo);
        registry.Register("sqrt", ["number"], (a, c) => Number("sqrt", a[0], c, n => n < 0 ? null : DecimalMath.Sqrt(n), "the square root of a negative number is undefined"));
        registry.Register("log", ["number"], (a, c) => Number("log", a[0], c, n => n <= 0 ? null : Ln(n), "the logarithm is defined for positive numbers only"));
        registry.Register("exp", ["number"], (a, c) => Number("exp", a[0], c, Exp, "the result is too large"));
        registry.Register("odd", ["number"], (a, c) => Parity("odd", a[0], c, odd: true));
        registry.Register("even", ["number"], (a, c) => Parity("even", a[0], c, odd: false));
        registry.Register("random number", [], (_, _) => FeelNumber.Of(Random.Shared.NextInt64(1_000_000_000_000_000_000) / 1_000_000_000_000_000_000m));
    }

    private static void RegisterRounding(FeelFunctionRegistry registry, string name, Rounding mode)
    {
        registry.Register(name, ["n"], (a, c) => Round(name, a[0], FeelNumber.Zero, mode, c));
        registry.Register(name, ["n", "scale"], (a, c) => Round(name, a[0], a[1], mode, c));
    }

    private static FeelValue Round(string function, FeelValue value, FeelValue scaleValue, Rounding mode, FeelEvaluationContext context)
    {
        if (!FunctionArgs.Number(function, value, context, out var n) || !FunctionArgs.Integer(function, scaleValue, context, out var scale))
        {
            return FeelNull.Instance;
        }

        if (scale is < MinScale or > MaxScale)
        {
            return FunctionArgs.Fail(function, $"scale must be between {MinScale} and {MaxScale} but was {scale}", context);
        }

        return Round(n, scale, mode) is { } rounded
            ? FeelNumber.Of(rounded)
            : Overflow(function, context);
    }

    /// <summary>Rounds to <paramref name="scale"/> decimal places (negative: to tens, hundreds, ...); null on overflow.</summary>
    private static decimal? Round(decimal value, int scale, Rounding mode)
    {
        if (scale >= value.Scale)
        {
            return value;
        }

        if (scale < -28)
        {
            // Every decimal is below half of 10^29: only the directed modes leave zero, and 10^29 does not fit.
            var leavesZero = mode switch
            {
                Rounding.Up => true,
                Rounding.Ceiling => value > 0,
                Rounding.Floor => value < 0,
                _ => false,
            };
            return value == 0 || !leavesZero ? 0m : null;
        }

        var unit = scale >= 0 ? new decimal(1, 0, 0, false, (byte)scale) : Pow10(-scale);

        // Remainder and difference are exact in decimal, so the decision below sees the true digits.
        var remainder = value % unit;
        if (remainder == 0)
        {
            return value;
        }

        var truncated = value - remainder;
        var rest = Math.Abs(remainder);
        var half = unit / 2;
        var away = mode switch
        {
            Rounding.Up => true,
            Rounding.Down => false,
            Rounding.Ceiling => value > 0,
            Rounding.Floor => value < 0,
            Rounding.HalfUp => rest >= half,
            Rounding.HalfDown => rest > half,
            _ => rest > half || (rest == half && truncated % (2 * unit) != 0),
        };

        if (!away)
        {
            return truncated;
        }

        try
        {
            return value > 0 ? truncated + unit : truncated - unit;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static FeelValue Abs(FeelValue[] args, FeelEvaluationContext context)
    {
        const string Name = "abs";
        switch (args[0])
        {
            case FeelNumber n:
                return FeelNumber.Of(Math.Abs(n.Value));
            case FeelDaysTimeDuration d when d.Value != TimeSpan.MinValue:
                return d.Value < TimeSpan.Zero ? new FeelDaysTimeDuration(d.Value.Negate()) : d;
            case FeelYearsMonthsDuration ym when ym.TotalMonths != int.MinValue:
                return ym.TotalMonths < 0 ? new FeelYearsMonthsDuration(-ym.TotalMonths) : ym;
            case FeelDaysTimeDuration or FeelYearsMonthsDuration:
                return Overflow(Name, context);
            default:
                FunctionArgs.Number(Name, args[0], context, out _);
                return FeelNull.Instance;
        }
    }

    private static FeelValue Modulo(FeelValue[] args, FeelEvaluationContext context)
    {
        const string Name = "modulo";
        if (!FunctionArgs.Number(Name, args[0], context, out var dividend) || !FunctionArgs.Number(Name, args[1], context, out var divisor))
        {
            return FeelNull.Instance;
        }

        if (divisor == 0)
        {
            return FunctionArgs.Fail(Name, "division by zero", context);
        }

        // DMN: dividend - divisor * floor(dividend / divisor), so the result takes the divisor's sign.
        decimal remainder;
        try
        {
            remainder = dividend % divisor;
        }
        catch (OverflowException)
        {
            return Overflow(Name, context);
        }

        if (remainder != 0 && remainder < 0 != divisor < 0)
        {
            remainder += divisor;
        }

        return FeelNumber.Of(remainder);
    }

    private static FeelValue Number(string function, FeelValue value, FeelEvaluationContext context, Func<decimal, decimal?> body, string undefined)
    {
        if (!FunctionArgs.Number(function, value, context, out var n))
        {
            return FeelNull.Instance;
        }

        return body(n) is { } result ? FeelNumber.Of(result) : FunctionArgs.Fail(function, $"{undefined} ({FeelNumber.Format(n)})", context);
    }

    private static FeelValue Parity(string function, FeelValue value, FeelEvaluationContext context, bool odd)
    {
        if (!FunctionArgs.Number(function, value, context, out var n))
        {
            return FeelNull.Instance;
        }

        // A fraction is neither odd nor even.
        return FeelBoolean.Of(decimal.IsInteger(n) && (n % 2 != 0) == odd);
    }

    private static FeelNull Overflow(string function, FeelEvaluationContext context)
    {
        context.Warn(FeelWarningKind.InvalidOperation, $"{function}: the result is outside the range of numbers");
        return FeelNull.Instance;
    }

    /// <summary>e^x to decimal precision; null when it exceeds decimal's range.</summary>
    private static decimal? Exp(decimal x)
    {
        if (x > 67)
        {
            return null;
        }

        if (x < -66)
        {
            // Below 10^-28, the smallest positive decimal.
            return 0;
        }

        // x = k ln 2 + r with |r| <= ln 2 / 2, so the series converges fast and 2^k is exact.
        var k = (int)decimal.Round(x / Ln2);
        var r = x - (k * Ln2);
        decimal sum = 1, term = 1;
        for (var i = 1; i < 64; i++)
        {
            term = term * r / i;
            if (term == 0)
            {
                break;
            }

            sum += term;
        }

        try
        {
            for (var i = 0; i < k; i++)
            {
                sum *= 2;
            }

            for (var i = 0; i > k; i--)
            {
                sum /= 2;
            }
        }
        catch (OverflowException)
        {
            return null;
        }

        return sum;
    }

    /// <summary>The natural logarithm of a positive number to decimal precision.</summary>
    private static decimal Ln(decimal x)
    {
        // x = m * 2^k with m in [1/sqrt 2, sqrt 2]; then ln m = 2 atanh((m - 1) / (m + 1)) converges fast.
        var k = 0;
        var m = x;
        while (m > Sqrt2)
        {
            m /= 2;
            k++;
        }

        while (m < Sqrt2 / 2)
        {
            m *= 2;
            k--;
        }

        var z = (m - 1) / (m + 1);
        var z2 = z * z;
        var power = z;
        var sum = z;
        for (var i = 3; i < 200; i += 2)
        {
            power *= z2;
            var term = power / i;
            if (term == 0)
            {
                break;
            }

            sum += term;
        }

        return (2 * sum) + (k * Ln2);
    }
}
