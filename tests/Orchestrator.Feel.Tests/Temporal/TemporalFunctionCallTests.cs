using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Tests.Support;
using Orchestrator.Feel.Values;
using static Orchestrator.Feel.Tests.Support.Feel;

namespace Orchestrator.Feel.Tests.Temporal;

/// <summary>The temporal built-ins called directly (no parser): results, and null with a warning for bad arguments.</summary>
public class TemporalFunctionCallTests
{
    [Theory]
    [InlineData("2019-01-01", "2019-01-01")]
    [InlineData("2019-01-01T10:30:00@Europe/Paris", "2019-01-01")]
    [InlineData("2019-01-01T23:30:00-05:00", "2019-01-01")]
    public void Date_FromStringOrDateTime_IsTheDate(string from, string expected)
    {
        // Arrange
        FeelValue argument = from.Contains('T', StringComparison.Ordinal) ? T(from) : S(from);

        // Act
        var result = Call("date", argument);

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Fact]
    public void Date_FromDate_IsTheSameDate()
    {
        // Act
        var result = Call("date", T("2019-01-01"));

        // Assert
        Assert.Equal("2019-01-01", Render(result));
    }

    [Theory]
    [InlineData(2019, 9, 17, "2019-09-17")]
    [InlineData(2024, 2, 29, "2024-02-29")]
    [InlineData(1, 1, 1, "0001-01-01")]
    [InlineData(9999, 12, 31, "9999-12-31")]
    public void Date_FromYearMonthDay_BuildsTheDate(int year, int month, int day, string expected)
    {
        // Act
        var result = Call("date", N(year), N(month), N(day));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData(2019, 2, 29)]
    [InlineData(2019, 13, 1)]
    [InlineData(2019, 0, 1)]
    [InlineData(2019, 4, 31)]
    [InlineData(0, 1, 1)]
    [InlineData(10000, 1, 1)]
    [InlineData(-1, 1, 1)]
    public void Date_InvalidYearMonthDay_IsNullWithAWarning(int year, int month, int day)
    {
        // Act
        var result = Call("date", [N(year), N(month), N(day)], out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.Single(warnings);
        Assert.Equal(FeelWarningKind.FunctionInvocationFailure, warnings[0].Kind);
    }

    public static TheoryData<FeelValue[]> InvalidDateArguments => new()
    {
        new FeelValue[] { FeelString.Empty },
        new FeelValue[] { new FeelString("2019-02-29") },
        new FeelValue[] { new FeelString("01.01.2019") },
        new FeelValue[] { new FeelNumber(20190101) },
        new FeelValue[] { FeelNull.Instance },
        new FeelValue[] { new FeelNumber(2019.5m), new FeelNumber(1), new FeelNumber(1) },
        new FeelValue[] { new FeelString("2019"), new FeelNumber(1), new FeelNumber(1) },
    };

    [Theory]
    [MemberData(nameof(InvalidDateArguments))]
    public void Date_InvalidArguments_IsNullWithAWarning(FeelValue[] arguments)
    {
        // Act
        var result = Call("date", arguments, out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.NotEmpty(warnings);
    }

    [Theory]
    [InlineData("10:30:00", "10:30:00")]
    [InlineData("T23:59:00", "23:59:00")]
    [InlineData("10:30:00.25+02:00", "10:30:00.25+02:00")]
    [InlineData("10:30:00@America/New_York", "10:30:00@America/New_York")]
    public void Time_FromString_ParsesIt(string from, string expected)
    {
        // Act
        var result = Call("time", S(from));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("2019-01-01T10:30:00", "10:30:00")]
    [InlineData("2019-01-01T10:30:00+02:00", "10:30:00+02:00")]
    [InlineData("2019-01-01T10:30:00Z", "10:30:00Z")]
    [InlineData("2019-07-01T10:30:00@Europe/Paris", "10:30:00@Europe/Paris")]
    [InlineData("2019-01-01", "00:00:00Z")]
    [InlineData("10:30:00+01:00", "10:30:00+01:00")]
    public void Time_FromTemporalValue_KeepsItsOffsetOrZone(string from, string expected)
    {
        // Act
        var result = Call("time", T(from));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData(23, 59, 0, "23:59:00")]
    [InlineData(0, 0, 0, "00:00:00")]
    [InlineData(10, 30, 15.25, "10:30:15.25")]
    [InlineData(10, 30, 59.9999999, "10:30:59.9999999")]
    public void Time_FromHourMinuteSecond_IsALocalTime(int hour, int minute, decimal second, string expected)
    {
        // Act
        var result = Call("time", N(hour), N(minute), N(second));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("PT1H", "14:30:00+01:00")]
    [InlineData("-PT5H30M", "14:30:00-05:30")]
    [InlineData("PT0S", "14:30:00Z")]
    [InlineData("PT18H", "14:30:00+18:00")]
    public void Time_WithOffset_HasThatOffset(string offset, string expected)
    {
        // Act
        var result = Call("time", N(14), N(30), N(0), T(offset));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Fact]
    public void Time_WithNullOffset_IsALocalTime()
    {
        // Act
        var result = Call("time", N(14), N(30), N(0), Null);

        // Assert
        Assert.Equal("14:30:00", Render(result));
    }

    public static TheoryData<FeelValue[]> InvalidTimeArguments => new()
    {
        new FeelValue[] { new FeelString("25:00:00") },
        new FeelValue[] { new FeelString("10:30:00@Nowhere/City") },
        new FeelValue[] { new FeelNumber(1030) },
        new FeelValue[] { new FeelNumber(24), new FeelNumber(0), new FeelNumber(0) },
        new FeelValue[] { new FeelNumber(10), new FeelNumber(60), new FeelNumber(0) },
        new FeelValue[] { new FeelNumber(10), new FeelNumber(0), new FeelNumber(60) },
        new FeelValue[] { new FeelNumber(10), new FeelNumber(0), new FeelNumber(-1) },
        new FeelValue[] { new FeelNumber(10.5m), new FeelNumber(0), new FeelNumber(0) },
        new FeelValue[] { new FeelNumber(10), new FeelNumber(0), new FeelNumber(0), new FeelDaysTimeDuration(TimeSpan.FromHours(19)) },
        new FeelValue[] { new FeelNumber(10), new FeelNumber(0), new FeelNumber(0), new FeelYearsMonthsDuration(1) },
        new FeelValue[] { new FeelNumber(10), new FeelNumber(0), new FeelNumber(0), new FeelString("+01:00") },
    };

    [Theory]
    [MemberData(nameof(InvalidTimeArguments))]
    public void Time_InvalidArguments_IsNullWithAWarning(FeelValue[] arguments)
    {
        // Act
        var result = Call("time", arguments, out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.NotEmpty(warnings);
    }

    [Theory]
    [InlineData("2012-12-24T23:59:00", "2012-12-24T23:59:00")]
    [InlineData("2012-12-24T23:59:00.5-08:00", "2012-12-24T23:59:00.5-08:00")]
    [InlineData("2012-12-24T23:59:00@Asia/Tokyo", "2012-12-24T23:59:00@Asia/Tokyo")]
    [InlineData("2012-12-24", "2012-12-24T00:00:00")]
    public void DateAndTime_FromString_ParsesIt(string from, string expected)
    {
        // Act
        var result = Call("date and time", S(from));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Fact]
    public void DateAndTime_FromDate_IsMidnight()
    {
        // Act
        var result = Call("date and time", T("2012-12-24"));

        // Assert
        Assert.Equal("2012-12-24T00:00:00", Render(result));
    }

    [Theory]
    [InlineData("2012-12-24", "23:59:00", "2012-12-24T23:59:00")]
    [InlineData("2012-12-24", "23:59:00+01:00", "2012-12-24T23:59:00+01:00")]
    [InlineData("2012-12-24", "23:59:00@Europe/Paris", "2012-12-24T23:59:00@Europe/Paris")]
    [InlineData("2024-03-31", "02:30:00@Europe/Berlin", "2024-03-31T03:30:00@Europe/Berlin")]
    [InlineData("2012-12-25T11:00:00", "23:59:00", "2012-12-25T23:59:00")]
    [InlineData("2012-12-25T11:00:00Z", "23:59:00-05:00", "2012-12-25T23:59:00-05:00")]
    [InlineData("2012-12-25T11:00:00@Europe/Paris", "23:59:00", "2012-12-25T23:59:00")]
    public void DateAndTime_FromDateAndTime_CombinesThem(string date, string time, string expected)
    {
        // Act
        var result = Call("date and time", T(date), T(time));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("2020-07-31T14:27:30@Europe/Berlin", "America/Los_Angeles", "2020-07-31T05:27:30@America/Los_Angeles")]
    [InlineData("2020-07-31T14:27:30Z", "Europe/Berlin", "2020-07-31T16:27:30@Europe/Berlin")]
    [InlineData("2020-07-31T14:27:30+02:00", "Z", "2020-07-31T12:27:30Z")]
    [InlineData("2020-07-31T14:27:30@Europe/Berlin", "-04:00", "2020-07-31T08:27:30-04:00")]
    [InlineData("2020-07-31T14:27:30", "Europe/Berlin", "2020-07-31T14:27:30@Europe/Berlin")]
    [InlineData("2020-07-31T14:27:30", "Z", "2020-07-31T14:27:30Z")]
    [InlineData("2020-07-31T14:27:30", "+05:30", "2020-07-31T14:27:30+05:30")]
    public void DateAndTime_WithTimezone_MovesToThatZone(string from, string timezone, string expected)
    {
        // Act
        var result = Call("date and time", T(from), S(timezone));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    public static TheoryData<FeelValue[]> InvalidDateAndTimeArguments => new()
    {
        new FeelValue[] { new FeelString("2012-12-24T24:00:01") },
        new FeelValue[] { new FeelString("2012-12-24 10:00:00") },
        new FeelValue[] { new FeelNumber(1) },
        new FeelValue[] { new FeelNumber(1), new FeelTime(new TimeOnly(10, 0)) },
        new FeelValue[] { new FeelDate(new DateOnly(2012, 12, 24)), new FeelNumber(10) },
        new FeelValue[] { new FeelDateTime(new DateTime(2012, 12, 24, 10, 0, 0)), new FeelString("Mars/Olympus") },
        new FeelValue[] { new FeelDateTime(new DateTime(2012, 12, 24, 10, 0, 0)), new FeelString("europe/berlin") },
        new FeelValue[] { new FeelDate(new DateOnly(2012, 12, 24)), new FeelString("Europe/Berlin") },
    };

    [Theory]
    [MemberData(nameof(InvalidDateAndTimeArguments))]
    public void DateAndTime_InvalidArguments_IsNullWithAWarning(FeelValue[] arguments)
    {
        // Act
        var result = Call("date and time", arguments, out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.NotEmpty(warnings);
    }

    [Theory]
    [InlineData("P1DT23H12M30S", "days and time duration", "P1DT23H12M30S")]
    [InlineData("PT48H", "days and time duration", "P2D")]
    [InlineData("-PT30M", "days and time duration", "-PT30M")]
    [InlineData("P2Y2M", "years and months duration", "P2Y2M")]
    [InlineData("P26M", "years and months duration", "P2Y2M")]
    [InlineData("-P1Y", "years and months duration", "-P1Y")]
    public void Duration_FromString_IsEitherKind(string from, string type, string expected)
    {
        // Act
        var result = Call("duration", S(from));

        // Assert
        Assert.Equal(type, result.TypeName);
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("P1Y2D")]
    [InlineData("1 day")]
    [InlineData("")]
    public void Duration_InvalidString_IsNullWithAWarning(string from)
    {
        // Act
        var result = Call("duration", [S(from)], out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.Single(warnings);
    }

    [Fact]
    public void Duration_FromNumber_IsNullWithAWarning()
    {
        // Act
        var result = Call("duration", [N(5)], out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.Single(warnings);
    }

    [Theory]
    [InlineData("2011-12-22", "2013-08-24", "P1Y8M")]
    [InlineData("2013-08-24", "2011-12-22", "-P1Y8M")]
    [InlineData("2011-12-22", "2012-01-21", "P0M")]
    [InlineData("2011-12-22", "2012-01-22", "P1M")]
    [InlineData("2011-01-31", "2011-02-28", "P0M")]
    [InlineData("2011-01-31", "2011-03-31", "P2M")]
    [InlineData("2011-03-31", "2011-01-31", "-P2M")]
    [InlineData("2011-03-30", "2011-01-31", "-P1M")]
    [InlineData("2011-12-22T23:00:00", "2012-01-22T01:00:00", "P1M")]
    [InlineData("2011-12-22T10:00:00Z", "2013-08-24", "P1Y8M")]
    [InlineData("2011-12-22", "2013-08-24T10:00:00@Europe/Paris", "P1Y8M")]
    [InlineData("2019-06-15", "2019-06-15", "P0M")]
    public void YearsAndMonthsDuration_BetweenDates_IsWholeMonths(string from, string to, string expected)
    {
        // Act
        var result = Call("years and months duration", T(from), T(to));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Fact]
    public void YearsAndMonthsDuration_NonDates_IsNullWithAWarning()
    {
        // Act
        var result = Call("years and months duration", [S("2011-12-22"), T("2013-08-24")], out var warnings);

        // Assert
        Assert.Same(FeelNull.Instance, result);
        Assert.Single(warnings);
    }

    [Fact]
    public void NowAndToday_ReadThePinnedClockInItsZone()
    {
        // Act: the test clock is 2024-03-15T10:30:00Z in Europe/Berlin (UTC+1 in March).
        var now = Assert.IsType<FeelDateTime>(Call("now"));
        var today = Call("today");

        // Assert
        Assert.Equal("2024-03-15T11:30:00@Europe/Berlin", Render(now));
        Assert.Equal(Now, now.Instant);
        Assert.Equal("2024-03-15", Render(today));
    }

    [Theory]
    [InlineData("America/New_York", "2024-03-15T06:30:00@America/New_York", "2024-03-15")]
    [InlineData("Asia/Tokyo", "2024-03-15T19:30:00@Asia/Tokyo", "2024-03-15")]
    [InlineData("Pacific/Kiritimati", "2024-03-16T00:30:00@Pacific/Kiritimati", "2024-03-16")]
    [InlineData("Etc/UTC", "2024-03-15T10:30:00Z", "2024-03-15")]
    public void NowAndToday_FollowTheClocksZone(string zone, string expectedNow, string expectedToday)
    {
        // Arrange
        var clock = new TestClock(Now, TimeZoneInfo.FindSystemTimeZoneById(zone));

        // Act
        var now = Invoke(clock, "now");
        var today = Invoke(clock, "today");

        // Assert
        Assert.Equal(expectedNow, Render(now));
        Assert.Equal(expectedToday, Render(today));
    }

    [Fact]
    public void Now_ClockWithAWindowsZoneId_UsesTheIanaId()
    {
        // Arrange
        var clock = new TestClock(Now, TimeZoneInfo.FindSystemTimeZoneById("W. Europe Standard Time"));

        // Act
        var now = Invoke(clock, "now");

        // Assert
        Assert.Equal("2024-03-15T11:30:00@Europe/Berlin", Render(now));
    }

    [Fact]
    public void Now_ClockWithACustomZone_UsesItsOffset()
    {
        // Arrange
        var custom = TimeZoneInfo.CreateCustomTimeZone("Ship time", TimeSpan.FromHours(3), "Ship time", "Ship time");
        var clock = new TestClock(Now, custom);

        // Act
        var now = Invoke(clock, "now");

        // Assert
        Assert.Equal("2024-03-15T13:30:00+03:00", Render(now));
    }

    [Theory]
    [InlineData("2019-09-17", "\"Tuesday\"")]
    [InlineData("2024-03-11", "\"Monday\"")]
    [InlineData("2024-03-17", "\"Sunday\"")]
    [InlineData("2019-09-17T23:30:00-10:00", "\"Tuesday\"")]
    public void DayOfWeek_IsTheEnglishName(string date, string expected)
    {
        // Act
        var result = Call("day of week", T(date));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("2019-09-17", "260")]
    [InlineData("2019-01-01", "1")]
    [InlineData("2020-12-31", "366")]
    [InlineData("2019-09-17T12:00:00", "260")]
    public void DayOfYear_CountsFromJanuaryFirst(string date, string expected)
    {
        // Act
        var result = Call("day of year", T(date));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("2019-09-17", "38")]
    [InlineData("2021-01-01", "53")]
    [InlineData("2019-12-30", "1")]
    [InlineData("2020-01-01", "1")]
    [InlineData("2026-12-31", "53")]
    [InlineData("2019-09-17T12:00:00Z", "38")]
    public void WeekOfYear_IsTheIsoWeek(string date, string expected)
    {
        // Act
        var result = Call("week of year", T(date));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("2019-09-17", "\"September\"")]
    [InlineData("2019-01-31", "\"January\"")]
    [InlineData("2019-12-01T00:00:00", "\"December\"")]
    public void MonthOfYear_IsTheEnglishName(string date, string expected)
    {
        // Act
        var result = Call("month of year", T(date));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("2022-10-01", "2022-10-31")]
    [InlineData("2024-02-10", "2024-02-29")]
    [InlineData("2023-02-28", "2023-02-28")]
    [InlineData("2023-04-15T10:00:00@Europe/Paris", "2023-04-30")]
    public void LastDayOfMonth_IsTheMonthsLastDate(string date, string expected)
    {
        // Act
        var result = Call("last day of month", T(date));

        // Assert
        Assert.Equal(expected, Render(result));
    }

    [Theory]
    [InlineData("day of week")]
    [InlineData("day of year")]
    [InlineData("week of year")]
    [InlineData("month of year")]
    [InlineData("last day of month")]
    public void DateFunctions_NonDate_IsNullWithAWarning(string function)
    {
        // Act
        var fromString = Call(function, [S("2019-09-17")], out var stringWarnings);
        var fromTime = Call(function, [T("10:00:00")], out var timeWarnings);

        // Assert
        Assert.Same(FeelNull.Instance, fromString);
        Assert.Same(FeelNull.Instance, fromTime);
        Assert.Single(stringWarnings);
        Assert.Single(timeWarnings);
    }

    public static TheoryData<FeelValue, FeelValue, bool> IsCases => new()
    {
        { T("2012-12-25"), T("23:00:50"), false },
        { T("2012-12-25"), T("2012-12-25"), true },
        { T("23:00:50Z"), T("23:00:50"), false },
        { T("23:00:50Z"), T("23:00:50+00:00"), true },
        { T("10:00:00+01:00"), T("09:00:00Z"), false },
        { T("10:00:00+01:00"), T("10:00:00@Europe/Paris"), false },
        { T("2019-01-01T10:00:00+01:00"), T("2019-01-01T10:00:00@Europe/Paris"), false },
        { T("2019-01-01T10:00:00@Europe/Paris"), T("2019-01-01T10:00:00@Europe/Paris"), true },
        { T("2019-01-01T10:00:00@Europe/Paris"), T("2019-01-01T10:00:00@Europe/Berlin"), false },
        { T("P1D"), T("PT24H"), true },
        { T("P1Y"), T("P12M"), true },
        { new FeelNumber(1), new FeelNumber(1.0m), true },
        { new FeelNumber(1), new FeelString("1"), false },
        { FeelBoolean.True, FeelBoolean.True, true },
    };

    [Theory]
    [MemberData(nameof(IsCases))]
    public void Is_SameTypeAndSameValue(FeelValue value1, FeelValue value2, bool expected)
    {
        // Act
        var result = Call("is", value1, value2);

        // Assert
        Assert.Same(FeelBoolean.Of(expected), result);
    }

    private static FeelValue T(string literal) =>
        TemporalParser.ParseLiteral(literal) ?? throw new ArgumentException($"not a temporal literal: {literal}", nameof(literal));

    private static FeelValue Invoke(TimeProvider clock, string function)
    {
        var context = new FeelEvaluationContext(clock, Engine.Functions);
        Assert.True(Engine.Functions.TryGet(function, out var builtin));
        return builtin.Invoke([], context);
    }
}
