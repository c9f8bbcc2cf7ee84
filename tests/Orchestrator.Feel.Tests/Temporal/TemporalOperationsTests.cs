using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Temporal;

/// <summary>
/// <see cref="TemporalArithmetic"/> called directly, one case per row of the DMN 1.5 tables for
/// addition, subtraction, multiplication, division and comparison of temporal values.
/// </summary>
public class TemporalOperationsTests
{
    [Theory]
    [InlineData("2019-01-01", "2019-01-02", -1)]
    [InlineData("2019-01-02", "2019-01-02", 0)]
    [InlineData("10:00:00", "11:00:00", -1)]
    [InlineData("10:00:00+01:00", "09:00:00Z", 0)]
    [InlineData("10:00:00+01:00", "09:30:00Z", -1)]
    [InlineData("23:00:00-05:00", "01:00:00Z", 1)]
    [InlineData("10:00:00@Europe/Paris", "09:00:00Z", 0)]
    [InlineData("2019-01-01T10:00:00", "2019-01-01T09:00:00", 1)]
    [InlineData("2019-01-01T10:00:00+01:00", "2019-01-01T09:00:00Z", 0)]
    [InlineData("2019-07-01T10:00:00@Europe/Paris", "2019-07-01T08:00:00Z", 0)]
    [InlineData("2019-07-01T10:00:00@Europe/Paris", "2019-07-01T10:00:00@Europe/London", -1)]
    [InlineData("P1D", "PT24H", 0)]
    [InlineData("P1D", "PT23H", 1)]
    [InlineData("P1Y", "P12M", 0)]
    [InlineData("-P1M", "P0M", -1)]
    public void Compare_ComparableValues_OrdersThem(string left, string right, int expected)
    {
        // Act
        var order = TemporalArithmetic.Compare(Value(left), Value(right));

        // Assert
        Assert.Equal(expected, order);
    }

    [Theory]
    [InlineData("10:00:00", "10:00:00Z")]
    [InlineData("2019-01-01T10:00:00", "2019-01-01T10:00:00Z")]
    [InlineData("2019-01-01T10:00:00", "2019-01-01T10:00:00@Europe/Paris")]
    [InlineData("2019-01-01", "2019-01-01T00:00:00")]
    [InlineData("P1D", "P1M")]
    [InlineData("10:00:00", "PT10H")]
    public void Compare_DifferentKinds_IsNotComparable(string left, string right)
    {
        // Act
        var order = TemporalArithmetic.Compare(Value(left), Value(right));

        // Assert
        Assert.Null(order);
    }

    [Fact]
    public void Compare_NonTemporal_IsNotComparable()
    {
        // Act
        var order = TemporalArithmetic.Compare(new FeelNumber(1), Value("P1D"));

        // Assert
        Assert.Null(order);
    }

    [Theory]
    [InlineData("2019-01-01", "P1D", "2019-01-02")]
    [InlineData("2019-01-01", "PT25H", "2019-01-02")]
    [InlineData("2019-01-01", "PT1H", "2019-01-01")]
    [InlineData("2019-01-01", "-PT1H", "2018-12-31")]
    [InlineData("2019-01-01", "P1M", "2019-02-01")]
    [InlineData("2019-01-31", "P1M", "2019-02-28")]
    [InlineData("2020-01-31", "P1M", "2020-02-29")]
    [InlineData("2020-02-29", "P1Y", "2021-02-28")]
    [InlineData("2019-12-15", "P1Y2M", "2021-02-15")]
    [InlineData("P1D", "2019-01-01", "2019-01-02")]
    [InlineData("P1Y", "2019-01-01", "2020-01-01")]
    [InlineData("2019-01-01T23:00:00", "PT2H", "2019-01-02T01:00:00")]
    [InlineData("2019-01-31T10:00:00", "P1M", "2019-02-28T10:00:00")]
    [InlineData("2019-01-31T10:00:00+05:00", "P1M", "2019-02-28T10:00:00+05:00")]
    [InlineData("2019-01-01T10:00:00Z", "P1DT1H", "2019-01-02T11:00:00Z")]
    [InlineData("PT1H", "2019-01-01T10:00:00Z", "2019-01-01T11:00:00Z")]
    [InlineData("P2M", "2019-01-01T10:00:00", "2019-03-01T10:00:00")]
    [InlineData("2024-03-30T12:00:00@Europe/Berlin", "P1D", "2024-03-31T13:00:00@Europe/Berlin")]
    [InlineData("2024-03-30T12:00:00@Europe/Berlin", "P1M", "2024-04-30T12:00:00@Europe/Berlin")]
    [InlineData("2024-01-31T02:30:00@Europe/Berlin", "P2M", "2024-03-31T03:30:00@Europe/Berlin")]
    [InlineData("2024-03-09T12:00:00@America/New_York", "PT24H", "2024-03-10T13:00:00@America/New_York")]
    [InlineData("2024-11-02T12:00:00@America/New_York", "P1D", "2024-11-03T11:00:00@America/New_York")]
    [InlineData("23:30:00", "PT1H", "00:30:00")]
    [InlineData("10:00:00", "P2D", "10:00:00")]
    [InlineData("10:00:00", "P1DT1H", "11:00:00")]
    [InlineData("10:00:00+01:00", "PT30M", "10:30:00+01:00")]
    [InlineData("23:00:00@Europe/Paris", "PT2H", "01:00:00@Europe/Paris")]
    [InlineData("PT1H", "10:00:00", "11:00:00")]
    [InlineData("P1D", "PT12H", "P1DT12H")]
    [InlineData("-PT1H", "PT30M", "-PT30M")]
    [InlineData("P1Y", "P1M", "P1Y1M")]
    [InlineData("P11M", "P1M", "P1Y")]
    public void Add_KnownCombination_FollowsTheSpec(string left, string right, string expected)
    {
        // Act
        var result = TemporalArithmetic.Add(Value(left), Value(right));

        // Assert
        Assert.Equal(expected, result?.ToString());
    }

    [Theory]
    [InlineData("2019-03-01", "2019-02-01", "P28D")]
    [InlineData("2019-02-01", "2019-03-01", "-P28D")]
    [InlineData("2024-03-31", "2024-03-30", "P1D")]
    [InlineData("2019-01-01", "P1D", "2018-12-31")]
    [InlineData("2019-01-01", "PT1H", "2018-12-31")]
    [InlineData("2019-03-31", "P1M", "2019-02-28")]
    [InlineData("2020-02-29", "P4Y", "2016-02-29")]
    [InlineData("2019-01-02T06:00:00", "2019-01-01T00:00:00", "P1DT6H")]
    [InlineData("2019-01-01T10:00:00+01:00", "2019-01-01T10:00:00Z", "-PT1H")]
    [InlineData("2024-07-01T12:00:00@Europe/Berlin", "2024-07-01T10:00:00Z", "PT0S")]
    [InlineData("2024-03-31T12:00:00@Europe/Berlin", "2024-03-30T12:00:00@Europe/Berlin", "PT23H")]
    [InlineData("2024-10-27T12:00:00@Europe/Berlin", "2024-10-26T12:00:00@Europe/Berlin", "P1DT1H")]
    [InlineData("2019-01-02T06:00:00", "2019-01-01", "P1DT6H")]
    [InlineData("2019-01-01", "2018-12-31T18:00:00", "PT6H")]
    [InlineData("2019-03-31T10:00:00", "P1M", "2019-02-28T10:00:00")]
    [InlineData("2019-01-01T00:30:00Z", "PT1H", "2018-12-31T23:30:00Z")]
    [InlineData("00:30:00", "PT1H", "23:30:00")]
    [InlineData("10:00:00", "08:30:00", "PT1H30M")]
    [InlineData("08:30:00", "10:00:00", "-PT1H30M")]
    [InlineData("10:00:00+01:00", "09:00:00Z", "PT0S")]
    [InlineData("10:00:00@Europe/Paris", "10:00:00Z", "-PT1H")]
    [InlineData("P1D", "PT1H", "PT23H")]
    [InlineData("PT1H", "P1D", "-PT23H")]
    [InlineData("P1Y", "P3M", "P9M")]
    [InlineData("P1M", "P1Y", "-P11M")]
    public void Subtract_KnownCombination_FollowsTheSpec(string left, string right, string expected)
    {
        // Act
        var result = TemporalArithmetic.Subtract(Value(left), Value(right));

        // Assert
        Assert.Equal(expected, result?.ToString());
    }

    [Fact]
    public void Add_ThroughTheRepeatedAutumnHour_KeepsTheInstantArithmeticExact()
    {
        // Arrange: Berlin at 00:30 (+02:00) on 2024-10-27; the clocks go back from 03:00 to 02:00.
        var start = Value("2024-10-27T00:30:00@Europe/Berlin");

        // Act
        var later = Assert.IsType<FeelDateTime>(TemporalArithmetic.Add(start, Value("PT3H")));
        var elapsed = TemporalArithmetic.Subtract(later, start);

        // Assert: 02:30 for the second time, now at +01:00.
        Assert.Equal(new DateTime(2024, 10, 27, 2, 30, 0), later.Local);
        Assert.Equal(TimeSpan.FromHours(1), later.Offset);
        Assert.Equal("PT3H", elapsed?.ToString());
    }

    [Theory]
    [InlineData("2019-01-01T10:00:00", "2019-01-01T10:00:00Z")]
    [InlineData("2019-01-01T10:00:00@Europe/Paris", "2019-01-01T10:00:00")]
    [InlineData("10:00:00", "10:00:00Z")]
    public void Subtract_LocalAndOffsetValues_IsFeelNull(string left, string right)
    {
        // Act
        var result = TemporalArithmetic.Subtract(Value(left), Value(right));

        // Assert
        Assert.Same(FeelNull.Instance, result);
    }

    [Theory]
    [InlineData("2019-01-01", "2019-01-01")]
    [InlineData("10:00:00", "10:00:00")]
    [InlineData("10:00:00", "P1M")]
    [InlineData("P1D", "P1M")]
    [InlineData("2019-01-01T10:00:00", "10:00:00")]
    public void Add_UnknownCombination_IsClrNull(string left, string right)
    {
        // Act
        var result = TemporalArithmetic.Add(Value(left), Value(right));

        // Assert
        Assert.Null(result);
    }

    [Theory]
    [InlineData("P1D", "2019-01-01")]
    [InlineData("P1M", "PT1H")]
    [InlineData("10:00:00", "P1M")]
    [InlineData("PT1H", "10:00:00")]
    public void Subtract_UnknownCombination_IsClrNull(string left, string right)
    {
        // Act
        var result = TemporalArithmetic.Subtract(Value(left), Value(right));

        // Assert
        Assert.Null(result);
    }

    [Theory]
    [InlineData("PT1H", "2.5", "PT2H30M")]
    [InlineData("P1D", "2", "P2D")]
    [InlineData("PT1S", "0.5", "PT0.5S")]
    [InlineData("P1D", "0", "PT0S")]
    [InlineData("PT1H", "-1", "-PT1H")]
    [InlineData("P1M", "3", "P3M")]
    [InlineData("P1Y", "1.5", "P1Y6M")]
    [InlineData("P1M", "1.5", "P2M")]
    [InlineData("P1M", "1.4", "P1M")]
    [InlineData("P1M", "-1.5", "-P1M")]
    [InlineData("P1Y", "-0.5", "-P6M")]
    public void Multiply_DurationByNumber_ScalesIt(string duration, string factor, string expected)
    {
        // Arrange
        var number = new FeelNumber(decimal.Parse(factor, System.Globalization.CultureInfo.InvariantCulture));

        // Act
        var left = TemporalArithmetic.Multiply(Value(duration), number);
        var right = TemporalArithmetic.Multiply(number, Value(duration));

        // Assert
        Assert.Equal(expected, left?.ToString());
        Assert.Equal(expected, right?.ToString());
    }

    [Theory]
    [InlineData("P1D", "4", "PT6H")]
    [InlineData("P1D", "3", "PT8H")]
    [InlineData("PT1S", "3", "PT0.3333333S")]
    [InlineData("-P1D", "2", "-PT12H")]
    [InlineData("P1Y", "12", "P1M")]
    [InlineData("P1Y", "5", "P2M")]
    [InlineData("P1M", "2", "P1M")]
    [InlineData("P1Y", "-4", "-P3M")]
    public void Divide_DurationByNumber_ScalesIt(string duration, string divisor, string expected)
    {
        // Act
        var result = TemporalArithmetic.Divide(Value(duration), new FeelNumber(decimal.Parse(divisor, System.Globalization.CultureInfo.InvariantCulture)));

        // Assert
        Assert.Equal(expected, result?.ToString());
    }

    [Theory]
    [InlineData("P1D", "PT6H", "4")]
    [InlineData("PT1H", "P1D", "0.0416666666666666666666666667")]
    [InlineData("-PT1H", "PT30M", "-2")]
    [InlineData("P1Y", "P1M", "12")]
    [InlineData("P1Y", "P5M", "2.4")]
    public void Divide_DurationByDurationOfTheSameKind_IsANumber(string left, string right, string expected)
    {
        // Act
        var result = TemporalArithmetic.Divide(Value(left), Value(right));

        // Assert
        Assert.Equal(expected, result?.ToString());
    }

    [Theory]
    [InlineData("P1D", "PT0S")]
    [InlineData("P1Y", "P0M")]
    public void Divide_ByAZeroDuration_IsFeelNull(string left, string right)
    {
        // Act
        var result = TemporalArithmetic.Divide(Value(left), Value(right));

        // Assert
        Assert.Same(FeelNull.Instance, result);
    }

    [Theory]
    [InlineData("P1D")]
    [InlineData("P1Y")]
    public void Divide_ByZero_IsFeelNull(string duration)
    {
        // Act
        var result = TemporalArithmetic.Divide(Value(duration), FeelNumber.Zero);

        // Assert
        Assert.Same(FeelNull.Instance, result);
    }

    [Fact]
    public void MultiplyAndDivide_UnknownCombinations_AreClrNull()
    {
        // Act / Assert
        Assert.Null(TemporalArithmetic.Multiply(Value("P1D"), Value("P1D")));
        Assert.Null(TemporalArithmetic.Multiply(Value("2019-01-01"), new FeelNumber(2)));
        Assert.Null(TemporalArithmetic.Divide(Value("P1D"), Value("P1M")));
        Assert.Null(TemporalArithmetic.Divide(new FeelNumber(2), Value("P1D")));
        Assert.Null(TemporalArithmetic.Divide(Value("10:00:00"), new FeelNumber(2)));
    }

    [Theory]
    [InlineData("PT1H", "-PT1H")]
    [InlineData("-P1DT2H", "P1DT2H")]
    [InlineData("PT0S", "PT0S")]
    [InlineData("P1Y2M", "-P1Y2M")]
    [InlineData("-P3M", "P3M")]
    public void Negate_Duration_FlipsItsSign(string duration, string expected)
    {
        // Act
        var result = TemporalArithmetic.Negate(Value(duration));

        // Assert
        Assert.Equal(expected, result?.ToString());
    }

    [Fact]
    public void Negate_NonDuration_IsClrNull()
    {
        // Act / Assert
        Assert.Null(TemporalArithmetic.Negate(Value("2019-01-01")));
        Assert.Null(TemporalArithmetic.Negate(Value("10:00:00")));
    }

    [Fact]
    public void Operations_OutOfRange_AreFeelNull()
    {
        // Arrange
        var maxDuration = new FeelDaysTimeDuration(TimeSpan.MaxValue);
        var minDuration = new FeelDaysTimeDuration(TimeSpan.MinValue);
        var maxMonths = new FeelYearsMonthsDuration(int.MaxValue);
        var minMonths = new FeelYearsMonthsDuration(int.MinValue);

        // Act / Assert
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(Value("9999-12-31"), Value("P1D")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Subtract(Value("0001-01-01"), Value("P1D")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(Value("2019-01-01"), Value("P8000Y")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(Value("9999-12-31T23:00:00"), Value("PT2H")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(Value("9999-12-31T23:00:00Z"), Value("PT2H")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(Value("9999-12-31T23:00:00@Europe/Paris"), Value("P1M")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(maxDuration, Value("PT1S")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Subtract(minDuration, Value("PT1S")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Add(maxMonths, Value("P1M")));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Negate(minDuration));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Negate(minMonths));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Multiply(Value("PT1H"), new FeelNumber(1e20m)));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Multiply(Value("P1M"), new FeelNumber(3_000_000_000m)));
        Assert.Same(FeelNull.Instance, TemporalArithmetic.Divide(Value("P1D"), new FeelNumber(1e-20m)));
    }

    [Fact]
    public void TimeHash_EqualTimesInUtc_HashAlike()
    {
        // Arrange
        var paris = Value("10:00:00+01:00");
        var utc = Value("09:00:00Z");

        // Act / Assert
        Assert.Equal(paris, utc);
        Assert.Equal(paris.GetHashCode(), utc.GetHashCode());
    }

    private static FeelValue Value(string text) =>
        TemporalParser.ParseLiteral(text) ?? throw new ArgumentException($"not a temporal literal: {text}", nameof(text));
}
