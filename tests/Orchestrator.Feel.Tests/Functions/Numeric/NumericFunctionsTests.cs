using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Tests.Functions.Strings;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Functions.Numeric;

public class NumericFunctionsTests
{
    [Theory]
    [InlineData("1.5", 0, "2")]
    [InlineData("2.5", 0, "2")]
    [InlineData("-1.5", 0, "-2")]
    [InlineData("-2.5", 0, "-2")]
    [InlineData("1.035", 2, "1.04")]
    [InlineData("1.045", 2, "1.04")]
    [InlineData("1.0451", 2, "1.05")]
    [InlineData("123.456", -1, "120")]
    [InlineData("125", -1, "120")]
    [InlineData("135", -1, "140")]
    [InlineData("1.5", 5, "1.5")]
    [InlineData("7", 40, "7")]
    [InlineData("12345", -30, "0")]
    public void Decimal_RoundsHalfEven(string n, int scale, string expected)
    {
        // Act
        var result = Call("decimal", N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture)), N(scale));

        // Assert
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Decimal_OneThird_SpecExample()
    {
        // Act
        var result = Call("decimal", N(1m / 3), N(2));

        // Assert
        Assert.Equal(N(0.33m), result);
    }

    [Theory]
    [InlineData("floor", "1.5", null, "1")]
    [InlineData("floor", "-1.5", null, "-2")]
    [InlineData("floor", "-1.56", 1, "-1.6")]
    [InlineData("floor", "5", null, "5")]
    [InlineData("ceiling", "1.5", null, "2")]
    [InlineData("ceiling", "-1.5", null, "-1")]
    [InlineData("ceiling", "-1.56", 1, "-1.5")]
    [InlineData("round up", "5.5", 0, "6")]
    [InlineData("round up", "-5.5", 0, "-6")]
    [InlineData("round up", "1.121", 2, "1.13")]
    [InlineData("round up", "-1.126", 2, "-1.13")]
    [InlineData("round up", "5.5", null, "6")]
    [InlineData("round down", "5.5", 0, "5")]
    [InlineData("round down", "-5.5", 0, "-5")]
    [InlineData("round down", "1.121", 2, "1.12")]
    [InlineData("round down", "-1.126", 2, "-1.12")]
    [InlineData("round half up", "5.5", 0, "6")]
    [InlineData("round half up", "-5.5", 0, "-6")]
    [InlineData("round half up", "1.121", 2, "1.12")]
    [InlineData("round half up", "-1.126", 2, "-1.13")]
    [InlineData("round half up", "2.45", 1, "2.5")]
    [InlineData("round half down", "5.5", 0, "5")]
    [InlineData("round half down", "-5.5", 0, "-5")]
    [InlineData("round half down", "1.121", 2, "1.12")]
    [InlineData("round half down", "-1.126", 2, "-1.13")]
    [InlineData("round half down", "2.45", 1, "2.4")]
    public void Rounding_SpecExamples(string function, string n, int? scale, string expected)
    {
        // Arrange
        var number = N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture));

        // Act
        var result = scale is { } s ? Call(function, number, N(s)) : Call(function, number);

        // Assert
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Rounding_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("round half up", ("scale", N(1)), ("n", N(2.25m)));
        var floor = NamedCall.Invoke("floor", ("n", N(-0.5m)));

        // Assert
        Assert.Equal(N(2.3m), result);
        Assert.Equal(N(-1), floor);
    }

    [Theory]
    [InlineData(6177)]
    [InlineData(-6112)]
    public void Decimal_ScaleOutOfRange_IsNullWithWarning(int scale)
    {
        // Act
        var result = Call("decimal", [N(1), N(scale)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("scale", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_FractionalScale_IsNullWithWarning()
    {
        // Act
        var result = Call("decimal", [N(1.25m), N(1.5m)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Single(warnings);
    }

    [Fact]
    public void RoundUp_Overflow_IsNullWithWarning()
    {
        // Act
        var result = Call("round up", [N(decimal.MaxValue), N(-1)], out var warnings);
        var huge = Call("round up", [N(1), N(-30)], out var hugeWarnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Equal(FeelWarningKind.InvalidOperation, warnings.Single().Kind);
        Assert.Equal(Null, huge);
        Assert.Single(hugeWarnings);
    }

    [Theory]
    [InlineData("decimal")]
    [InlineData("round half even")]
    public void Rounding_NullArgument_IsNullWithWarning(string function)
    {
        if (function == "round half even")
        {
            // There is no such function: the family is decimal (half-even) plus the four DMN modes.
            Assert.False(Engine.Functions.TryGet(function, out _));
            return;
        }

        // Act
        var result = Call(function, [Null, N(1)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("expected number", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", "10")]
    [InlineData("-10", "10")]
    [InlineData("0", "0")]
    [InlineData("-0.5", "0.5")]
    public void Abs_Number(string n, string expected)
    {
        // Act
        var result = Call("abs", N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture)));

        // Assert
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Abs_Durations()
    {
        // Act
        var daysTime = Call("abs", new FeelDaysTimeDuration(TimeSpan.FromHours(-5)));
        var yearsMonths = Call("abs", new FeelYearsMonthsDuration(-14));
        var positive = Call("abs", new FeelYearsMonthsDuration(3));

        // Assert
        Assert.Equal(new FeelDaysTimeDuration(TimeSpan.FromHours(5)), daysTime);
        Assert.Equal(new FeelYearsMonthsDuration(14), yearsMonths);
        Assert.Equal(new FeelYearsMonthsDuration(3), positive);
    }

    [Fact]
    public void Abs_NamedArgument_NOrNumber()
    {
        // Act
        var byN = NamedCall.Invoke("abs", ("n", N(-3)));
        var byNumber = NamedCall.Invoke("abs", ("number", N(-3)));

        // Assert
        Assert.Equal(N(3), byN);
        Assert.Equal(N(3), byNumber);
    }

    [Fact]
    public void Abs_String_IsNullWithWarning()
    {
        // Act
        var result = Call("abs", [S("-1")], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("12", "5", "2")]
    [InlineData("-12", "5", "3")]
    [InlineData("12", "-5", "-3")]
    [InlineData("-12", "-5", "-2")]
    [InlineData("10.1", "4.5", "1.1")]
    [InlineData("-10.1", "4.5", "3.4")]
    [InlineData("10.1", "-4.5", "-3.4")]
    [InlineData("-10.1", "-4.5", "-1.1")]
    [InlineData("10", "5", "0")]
    public void Modulo_HasTheDivisorsSign(string dividend, string divisor, string expected)
    {
        // Act
        var result = Call(
            "modulo",
            N(decimal.Parse(dividend, System.Globalization.CultureInfo.InvariantCulture)),
            N(decimal.Parse(divisor, System.Globalization.CultureInfo.InvariantCulture)));

        // Assert
        Assert.Equal(expected, result.ToString());
    }

    [Fact]
    public void Modulo_ByZero_IsNullWithWarning()
    {
        // Act
        var result = Call("modulo", [N(5), N(0)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("division by zero", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modulo_NamedArguments()
    {
        // Act
        var result = NamedCall.Invoke("modulo", ("divisor", N(5)), ("dividend", N(12)));

        // Assert
        Assert.Equal(N(2), result);
    }

    [Fact]
    public void Sqrt_SpecExampleAndPrecision()
    {
        // Act
        var sixteen = Call("sqrt", N(16));
        var two = Assert.IsType<FeelNumber>(Call("sqrt", N(2)));

        // Assert
        Assert.Equal(N(4), sixteen);
        Assert.True(Math.Abs(two.Value - 1.4142135623730950488016887242m) < 1e-26m, two.ToString());
    }

    [Fact]
    public void Sqrt_Negative_IsNullWithWarning()
    {
        // Act
        var result = Call("sqrt", [N(-1)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("negative", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10", "2.302585092994045684017991454684")]
    [InlineData("1", "0")]
    [InlineData("2", "0.693147180559945309417232121458")]
    [InlineData("0.5", "-0.693147180559945309417232121458")]
    [InlineData("1000000", "13.815510557964274104107948728106")]
    [InlineData("0.0000000000000000000000000001", "-64.472382603833279152503760731")]
    [InlineData("79228162514264337593543950335", "66.542129333754749704054283660")]
    public void Log_IsPreciseToDecimalPrecision(string n, string expected)
    {
        // Act
        var result = Assert.IsType<FeelNumber>(Call("log", N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture))));

        // Assert
        var difference = Math.Abs(result.Value - decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(difference < 1e-25m, $"log({n}) = {result}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void Log_NotPositive_IsNullWithWarning(string n)
    {
        // Act
        var result = Call("log", [N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture))], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Contains("positive", warnings.Single().Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "1")]
    [InlineData("1", "2.718281828459045235360287471")]
    [InlineData("5", "148.413159102576603421115580040")]
    [InlineData("-1", "0.367879441171442321595523770")]
    [InlineData("0.5", "1.648721270700128146848650788")]
    [InlineData("66", "46071866343312915426773184428")]
    public void Exp_IsPreciseToDecimalPrecision(string n, string expected)
    {
        // Act
        var result = Assert.IsType<FeelNumber>(Call("exp", N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture))));

        // Assert
        var wanted = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(result.Value - wanted) <= Math.Abs(wanted) * 1e-25m, $"exp({n}) = {result}");
    }

    [Fact]
    public void Exp_Underflow_IsZero()
    {
        // Act
        var result = Call("exp", N(-100));

        // Assert
        Assert.Equal(N(0), result);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(67)]
    public void Exp_Overflow_IsNullWithWarning(int n)
    {
        // Act
        var result = Call("exp", [N(n)], out var warnings);

        // Assert
        Assert.Equal(Null, result);
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("5", true, false)]
    [InlineData("-5", true, false)]
    [InlineData("2", false, true)]
    [InlineData("-2", false, true)]
    [InlineData("0", false, true)]
    [InlineData("2.0", false, true)]
    [InlineData("2.35", false, false)]
    [InlineData("-1.78", false, false)]
    [InlineData("5.5", false, false)]
    public void OddEven_FractionsAreNeither(string n, bool odd, bool even)
    {
        // Arrange
        var number = N(decimal.Parse(n, System.Globalization.CultureInfo.InvariantCulture));

        // Act
        var isOdd = Call("odd", number);
        var isEven = Call("even", number);

        // Assert
        Assert.Equal(B(odd), isOdd);
        Assert.Equal(B(even), isEven);
    }

    [Theory]
    [InlineData("sqrt")]
    [InlineData("log")]
    [InlineData("exp")]
    [InlineData("odd")]
    [InlineData("even")]
    public void SingleNumberFunctions_WrongType_IsNullWithWarning(string function)
    {
        // Act
        var fromNull = Call(function, [Null], out var nullWarnings);
        var fromString = Call(function, [S("4")], out var stringWarnings);

        // Assert
        Assert.Equal(Null, fromNull);
        Assert.Equal(Null, fromString);
        Assert.Contains("expected number", nullWarnings.Single().Message, StringComparison.Ordinal);
        Assert.Contains("expected number", stringWarnings.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SingleNumberFunctions_NamedArgument()
    {
        // Act
        var result = NamedCall.Invoke("even", ("number", N(4)));

        // Assert
        Assert.Equal(B(true), result);
    }

    [Fact]
    public void RandomNumber_IsBetweenZeroAndOne()
    {
        // Act
        var numbers = Enumerable.Range(0, 100).Select(_ => Assert.IsType<FeelNumber>(Call("random number")).Value).ToList();

        // Assert
        Assert.All(numbers, n => Assert.InRange(n, 0m, 0.999999999999999999m));
        Assert.True(numbers.Distinct().Count() > 90);
    }
}
