using Orchestrator.Feel.Temporal;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalParserTests
{
    [Theory]
    [InlineData("2019-01-01", "date", "2019-01-01")]
    [InlineData("0001-01-01", "date", "0001-01-01")]
    [InlineData("9999-12-31", "date", "9999-12-31")]
    [InlineData("2024-02-29", "date", "2024-02-29")]
    [InlineData("10:30:00", "time", "10:30:00")]
    [InlineData("T10:30:00", "time", "10:30:00")]
    [InlineData("10:30", "time", "10:30:00")]
    [InlineData("00:00:00", "time", "00:00:00")]
    [InlineData("23:59:59.999", "time", "23:59:59.999")]
    [InlineData("10:30:00.000", "time", "10:30:00")]
    [InlineData("10:30:00.123456789", "time", "10:30:00.1234567")]
    [InlineData("10:30:00+01:00", "time", "10:30:00+01:00")]
    [InlineData("10:30:00-05:30", "time", "10:30:00-05:30")]
    [InlineData("10:30:00+00:00", "time", "10:30:00Z")]
    [InlineData("10:30:00z", "time", "10:30:00Z")]
    [InlineData("10:30:00+05:45:30", "time", "10:30:00+05:45:30")]
    [InlineData("10:30:00+18:00", "time", "10:30:00+18:00")]
    [InlineData("10:30:00@Europe/Paris", "time", "10:30:00@Europe/Paris")]
    [InlineData("10:30:00@UTC", "time", "10:30:00@UTC")]
    [InlineData("2019-01-01T10:30:00", "date and time", "2019-01-01T10:30:00")]
    [InlineData("2019-01-01T10:30", "date and time", "2019-01-01T10:30:00")]
    [InlineData("2019-01-01T10:30:00.5Z", "date and time", "2019-01-01T10:30:00.5Z")]
    [InlineData("2019-01-01T10:30:00-08:00", "date and time", "2019-01-01T10:30:00-08:00")]
    [InlineData("2019-01-01T10:30:00@America/New_York", "date and time", "2019-01-01T10:30:00@America/New_York")]
    [InlineData("P1DT2H3M4.5S", "days and time duration", "P1DT2H3M4.5S")]
    [InlineData("-PT1H", "days and time duration", "-PT1H")]
    [InlineData("P2D", "days and time duration", "P2D")]
    [InlineData("PT36H", "days and time duration", "P1DT12H")]
    [InlineData("PT90M", "days and time duration", "PT1H30M")]
    [InlineData("PT3600S", "days and time duration", "PT1H")]
    [InlineData("PT0.001S", "days and time duration", "PT0.001S")]
    [InlineData("P0D", "days and time duration", "PT0S")]
    [InlineData("-PT0S", "days and time duration", "PT0S")]
    [InlineData("P1Y2M", "years and months duration", "P1Y2M")]
    [InlineData("-P3M", "years and months duration", "-P3M")]
    [InlineData("P1Y", "years and months duration", "P1Y")]
    [InlineData("P25M", "years and months duration", "P2Y1M")]
    [InlineData("P0Y", "years and months duration", "P0M")]
    [InlineData("-P0M", "years and months duration", "P0M")]
    public void ParseLiteral_ValidText_GivesTheTypeAndItsIsoForm(string text, string type, string printed)
    {
        // Act
        var value = TemporalParser.ParseLiteral(text);

        // Assert
        Assert.NotNull(value);
        Assert.Equal(type, value.TypeName);
        Assert.Equal(printed, value.ToString());
    }

    [Theory]
    [InlineData("2019-01-01")]
    [InlineData("10:30:00.25")]
    [InlineData("10:30:00-03:30")]
    [InlineData("10:30:00@Asia/Kolkata")]
    [InlineData("2019-06-30T23:59:59.1Z")]
    [InlineData("2019-06-30T08:00:00@Australia/Sydney")]
    [InlineData("P3DT4H5M6.007S")]
    [InlineData("-P7Y11M")]
    public void ParseLiteral_PrintedForm_RoundTrips(string text)
    {
        // Act
        var printed = TemporalParser.ParseLiteral(text)?.ToString();

        // Assert
        Assert.Equal(text, printed);
    }

    [Theory]
    [InlineData("2019-13-01")]
    [InlineData("2019-02-29")]
    [InlineData("2019-00-10")]
    [InlineData("2019-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("2019-1-1")]
    [InlineData("19-01-01")]
    [InlineData("2019/01/01")]
    [InlineData("+2019-01-01")]
    [InlineData("24:00:00")]
    [InlineData("24:00:01")]
    [InlineData("23:60:00")]
    [InlineData("23:59:60")]
    [InlineData("7:30:00")]
    [InlineData("10:30:0")]
    [InlineData("10:30:00.")]
    [InlineData("10:30:00.1234567890")]
    [InlineData("10:30:00+19:00")]
    [InlineData("10:30:00+18:01")]
    [InlineData("10:30:00+1:00")]
    [InlineData("10:30:00+01:60")]
    [InlineData("10:30:00@Mars/Olympus")]
    [InlineData("10:30:00@europe/paris")]
    [InlineData("10:30:00@W. Europe Standard Time")]
    [InlineData("10:30:00@")]
    [InlineData("10:30:00Z@Europe/Paris")]
    [InlineData("10:30:00 Z")]
    [InlineData("2019-01-01T")]
    [InlineData("2019-01-01T25:00:00")]
    [InlineData("2019-01-01 10:30:00")]
    [InlineData("2019-02-30T10:30:00")]
    [InlineData("P1Y2D")]
    [InlineData("P1DT")]
    [InlineData("PT")]
    [InlineData("P")]
    [InlineData("-P")]
    [InlineData("P1H")]
    [InlineData("PT1D")]
    [InlineData("P1.5D")]
    [InlineData("PT1.5H")]
    [InlineData("PT.5S")]
    [InlineData("PT1.2.3S")]
    [InlineData("P1M2Y")]
    [InlineData("PT1M1H")]
    [InlineData("P-1D")]
    [InlineData("PT1H30")]
    [InlineData("P1W")]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData(" 2019-01-01")]
    [InlineData("2019-01-01 ")]
    public void ParseLiteral_InvalidText_IsNull(string text)
    {
        // Act
        var value = TemporalParser.ParseLiteral(text);

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void ParseTime_WithZone_KeepsTheZoneAndNoOffset()
    {
        // Act
        var time = TemporalParser.ParseTime("10:30:00@Europe/Paris");

        // Assert
        Assert.NotNull(time);
        Assert.Equal(new TimeOnly(10, 30), time.Local);
        Assert.Equal("Europe/Paris", time.Zone);
        Assert.Null(time.Offset);
    }

    [Fact]
    public void ParseDateTime_PlainDate_IsNotADateTime()
    {
        // Act
        var value = TemporalParser.ParseDateTime("2019-01-01");

        // Assert
        Assert.Null(value);
    }

    [Fact]
    public void ParseDateTime_InADaylightSavingGap_MovesForwardLikeJavaTime()
    {
        // Act: in Berlin the clocks jump from 02:00 to 03:00 on 2024-03-31.
        var value = TemporalParser.ParseDateTime("2024-03-31T02:30:00@Europe/Berlin");

        // Assert
        Assert.NotNull(value);
        Assert.Equal(new DateTime(2024, 3, 31, 3, 30, 0), value.Local);
        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
    }

    [Fact]
    public void ParseDateTime_InTheRepeatedAutumnHour_TakesTheEarlierOffset()
    {
        // Act: in Berlin 02:30 happens twice on 2024-10-27, first at +02:00.
        var value = TemporalParser.ParseDateTime("2024-10-27T02:30:00@Europe/Berlin");

        // Assert
        Assert.NotNull(value);
        Assert.Equal(new DateTime(2024, 10, 27, 2, 30, 0), value.Local);
        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
    }

    [Fact]
    public void ParseDaysTimeDuration_Negative_NegatesEveryPart()
    {
        // Act
        var value = TemporalParser.ParseDaysTimeDuration("-P1DT1H0.5S");

        // Assert
        Assert.NotNull(value);
        Assert.Equal(-(TimeSpan.FromHours(25) + TimeSpan.FromMilliseconds(500)), value.Value);
    }

    [Theory]
    [InlineData("P1Y")]
    [InlineData("P2M")]
    public void ParseDaysTimeDuration_YearsOrMonths_IsNull(string text)
    {
        // Act
        var value = TemporalParser.ParseDaysTimeDuration(text);

        // Assert
        Assert.Null(value);
    }

    [Theory]
    [InlineData("P1D")]
    [InlineData("PT1M")]
    public void ParseYearsMonthsDuration_DaysOrTime_IsNull(string text)
    {
        // Act
        var value = TemporalParser.ParseYearsMonthsDuration(text);

        // Assert
        Assert.Null(value);
    }

    [Theory]
    [InlineData("P99999999999999999D")]
    [InlineData("PT999999999999999999H")]
    [InlineData("P99999999999999999Y")]
    [InlineData("P2147483648M")]
    public void ParseLiteral_BeyondTheRange_IsNull(string text)
    {
        // Act
        var value = TemporalParser.ParseLiteral(text);

        // Assert
        Assert.Null(value);
    }

    [Theory]
    [InlineData("Europe/Paris", null, "Europe/Paris")]
    [InlineData("UTC", null, "UTC")]
    [InlineData("Z", "00:00:00", null)]
    [InlineData("+02:00", "02:00:00", null)]
    [InlineData("-05:30", "-05:30:00", null)]
    public void TryParseZone_IanaIdOrOffset_IsAccepted(string text, string? offset, string? zone)
    {
        // Act
        var ok = TemporalParser.TryParseZone(text, out var parsedOffset, out var parsedZone);

        // Assert
        Assert.True(ok);
        Assert.Equal(offset is null ? null : TimeSpan.Parse(offset, System.Globalization.CultureInfo.InvariantCulture), parsedOffset);
        Assert.Equal(zone, parsedZone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("@Europe/Paris")]
    [InlineData("Mars/Olympus")]
    [InlineData("Central European Standard Time")]
    [InlineData("+25:00")]
    public void TryParseZone_Other_IsRefused(string text)
    {
        // Act
        var ok = TemporalParser.TryParseZone(text, out _, out _);

        // Assert
        Assert.False(ok);
    }
}
