using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Functions;

/// <summary>Built-in numeric functions (DMN 1.5 §10.3.4.5) and Camunda's <c>random number</c>, all in decimal arithmetic.</summary>
internal static class NumericFunctions
{
    public static void Register(FeelFunctionRegistry registry)
    {
        registry.Register("decimal", ["n", "scale"], (a, c) => Round("decimal", a[0], a[1], c, RoundHalfEven));
        registry.Register("floor", ["n"], (a, c) => Round("floor", a[0], FeelNumber.Zero, c, Floor));
        registry.Register("floor", ["n", "scale"], (a, c) => Round("floor", a[0], a[1], c, Floor));
        registry.Register("ceiling", ["n"], (a, c) => Round("ceiling", a[0], FeelNumber.Zero, c, Ceiling));
        registry.Register("ceiling", ["n", "scale"], (a, c) => Round("ceiling", a[0], a[1], c, Ceiling));
        registry.Register("round up", ["n", "scale"], (a, c) => Round("round up", a[0], a[1], c, v => v < 0 ? Math.Floor(v) : Math.Ceiling(v)));
        registry.Register("round down", ["n", "scale"], (a, c) => Round("round down", a[0], a[1], c, Math.Truncate));
        registry.Register("round half up", ["n", "scale"], (a, c) => Round("round half up", a[0], a[1], c, v => Math.Round(v, MidpointRounding.AwayFromZero)));
        registry.Register("round half down", ["n", "scale"], (a, c) => Round("round half down", a[0], a[1], c, RoundHalfDown));
        registry.Register("abs", ["n"], (a, c) => Abs(a[0], c));
        registry.Register("modulo", ["dividend", "divisor"], (a, c) => Modulo(a[0], a[1], c));
        registry.Register("sqrt", ["number"], (a, c) => WithNumber("sqrt", a[0], c, n => DecimalMath.Sqrt(n)));
        registry.Register("log", ["number"], (a, c) => WithNumber("log", a[0], c, n => n <= 0 ? null : (decimal)Math.Log((double)n)));
        registry.Register("exp", ["number"], (a, c) => WithNumber("exp", a[0], c, n => Math.Exp((double)n) is var e && double.IsFinite(e) && e < 7.9e28 ? (decimal)e : null));
        registry.Register("odd", ["number"], (a, c) => Parity("odd", a[0], c, remainder: 1));
        registry.Register("even", ["number"], (a, c) => Parity("even", a[0], c, remainder: 0));
        registry.Register("random number", [], (_, _) => FeelNumber.Of((decimal)Random.Shared.NextDouble()));
    }

    private static decimal Floor(decimal value) => Math.Floor(value);

    private static decimal Ceiling(decimal value) => Math.Ceiling(value);

    private static decimal RoundHalfEven(decimal value) => Math.Round(value, MidpointRounding.ToEven);

    private static decimal RoundHalfDown(decimal value) =>
        Math.Abs(value - Math.Truncate(value)) == 0.5m ? Math.Truncate(value) : Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>Rounds to <c>scale</c> digits after the point (negative scales round to tens, hundreds ...) with an integer rounding rule.</summary>
    private static FeelValue Round(string function, FeelValue n, FeelValue scale, FeelEvaluationContext context, Func<decimal, decimal> toInteger)
    {
        if (!FunctionArgs.Number(function, n, context, out var value) || !FunctionArgs.Integer(function, scale, context, out var digits))
        {
            return FeelNull.Instance;
        }

        if (digits is < -28 or > 28)
        {
            return FunctionArgs.Fail(function, $"scale must be between -28 and 28 but was {digits}", context);
        }

        try
        {
            var factor = Pow10(Math.Abs(digits));
            var result = digits >= 0 ? toInteger(value * factor) / factor : toInteger(value / factor) * factor;
            return FeelNumber.Of(digits > 0 ? decimal.Round(result, digits) : result);
        }
        catch (OverflowException)
        {
            // Scaling a large number up can overflow although the rounded value itself fits.
            return digits > 0 ? FeelNumber.Of(value) : FunctionArgs.Fail(function, "the result is out of range", context);
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

    private static FeelValue Abs(FeelValue n, FeelEvaluationContext context) => n switch
    {
        FeelNumber x => FeelNumber.Of(Math.Abs(x.Value)),
        FeelDaysTimeDuration d => new FeelDaysTimeDuration(d.Value == TimeSpan.MinValue ? TimeSpan.MaxValue : d.Value.Duration()),
        FeelYearsMonthsDuration d => new FeelYearsMonthsDuration(Math.Abs(d.TotalMonths)),
        _ => FunctionArgs.Fail("abs", $"expected a number or a duration but found {n.TypeName}", context),
    };

    private static FeelValue Modulo(FeelValue dividend, FeelValue divisor, FeelEvaluationContext context)
    {
        if (!FunctionArgs.Number("modulo", dividend, context, out var a) || !FunctionArgs.Number("modulo", divisor, context, out var b))
        {
            return FeelNull.Instance;
        }

        if (b == 0)
        {
            return FunctionArgs.Fail("modulo", "divisor must not be zero", context);
        }

        // DMN: dividend - divisor * floor(dividend / divisor), so the result takes the divisor's sign.
        var remainder = a % b;
        return FeelNumber.Of(remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder);
    }

    private static FeelValue WithNumber(string function, FeelValue value, FeelEvaluationContext context, Func<decimal, decimal?> body)
    {
        if (!FunctionArgs.Number(function, value, context, out var n))
        {
            return FeelNull.Instance;
        }

        try
        {
            return body(n) is { } result ? FeelNumber.Of(result) : FunctionArgs.Fail(function, $"is not defined for {FeelNumber.Format(n)}", context);
        }
        catch (OverflowException)
        {
            return FunctionArgs.Fail(function, $"the result for {FeelNumber.Format(n)} is out of range", context);
        }
    }

    private static FeelValue Parity(string function, FeelValue value, FeelEvaluationContext context, int remainder)
    {
        if (!FunctionArgs.Number(function, value, context, out var n))
        {
            return FeelNull.Instance;
        }

        return decimal.IsInteger(n)
            ? FeelBoolean.Of(Math.Abs(n % 2) == remainder)
            : FunctionArgs.Fail(function, $"expected a whole number but found {FeelNumber.Format(n)}", context);
    }
}
