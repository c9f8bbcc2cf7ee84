using static Orchestrator.Feel.Tests.Support.Feel;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalLiteralTests
{
    [Theory]
    [InlineData("@\"2019-01-01\"", "date", "2019-01-01")]
    [InlineData("@\"10:30:00\"", "time", "10:30:00")]
    [InlineData("@\"10:30:00.5\"", "time", "10:30:00.5")]
    [InlineData("@\"10:30:00.120\"", "time", "10:30:00.12")]
    [InlineData("@\"10:30:00+01:00\"", "time", "10:30:00+01:00")]
    [InlineData("@\"10:30:00Z\"", "time", "10:30:00Z")]
    [InlineData("@\"10:30:00@Europe/Paris\"", "time", "10:30:00@Europe/Paris")]
    [InlineData("@\"10:30:00@Asia/Tbilisi\"", "time", "10:30:00@Asia/Tbilisi")]
    [InlineData("@\"2019-01-01T10:30:00\"", "date and time", "2019-01-01T10:30:00")]
    [InlineData("@\"2019-01-01T10:30:00+00:00\"", "date and time", "2019-01-01T10:30:00Z")]
    [InlineData("@\"2019-01-01T10:30:00-05:30\"", "date and time", "2019-01-01T10:30:00-05:30")]
    [InlineData("@\"2019-01-01T10:30:00@Europe/Paris\"", "date and time", "2019-01-01T10:30:00@Europe/Paris")]
    [InlineData("@\"P1DT2H3M4S\"", "days and time duration", "P1DT2H3M4S")]
    [InlineData("@\"PT25H\"", "days and time duration", "P1DT1H")]
    [InlineData("@\"-PT1H\"", "days and time duration", "-PT1H")]
    [InlineData("@\"PT0S\"", "days and time duration", "PT0S")]
    [InlineData("@\"PT1.5S\"", "days and time duration", "PT1.5S")]
    [InlineData("@\"P2D\"", "days and time duration", "P2D")]
    [InlineData("@\"P1Y2M\"", "years and months duration", "P1Y2M")]
    [InlineData("@\"P14M\"", "years and months duration", "P1Y2M")]
    [InlineData("@\"P0M\"", "years and months duration", "P0M")]
    [InlineData("@\"-P3M\"", "years and months duration", "-P3M")]
    [InlineData("@\"P2Y\"", "years and months duration", "P2Y")]
    public void Literal_ParsesAndPrintsInIsoForm(string expression, string type, string printed)
    {
        // Act
        var value = Eval(expression);

        // Assert
        Assert.Equal(type, value.TypeName);
        Assert.Equal(printed, value.ToString());
    }

    [Theory]
    [InlineData("@\"2019-13-01\"")]
    [InlineData("@\"2019-02-30\"")]
    [InlineData("@\"24:00:01\"")]
    [InlineData("@\"10:61:00\"")]
    [InlineData("@\"10:30:00@Mars/Olympus\"")]
    [InlineData("@\"P1Y2D\"")]
    [InlineData("@\"PT\"")]
    [InlineData("@\"P\"")]
    [InlineData("@\"yesterday\"")]
    [InlineData("@\"P99999999999999999D\"")]
    [InlineData("@\"P99999999999999999Y\"")]
    public void InvalidLiteral_IsASyntaxError(string expression)
    {
        // Act
        var ok = Engine.TryParse(expression, out _, out var error);

        // Assert
        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void ZonedDateTime_TakesTheOffsetOfItsZoneAtThatDate()
    {
        // Act
        var winter = Assert.IsType<FeelDateTime>(Eval("@\"2024-01-15T12:00:00@Europe/Berlin\""));
        var summer = Assert.IsType<FeelDateTime>(Eval("@\"2024-07-15T12:00:00@Europe/Berlin\""));

        // Assert
        Assert.Equal(TimeSpan.FromHours(1), winter.Offset);
        Assert.Equal(TimeSpan.FromHours(2), summer.Offset);
    }
}
