using Orchestrator.Feel.Temporal;
using Orchestrator.Feel.Values;

namespace Orchestrator.Feel.Tests.Temporal;

public class TemporalZonesTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    [InlineData("Etc/GMT+5")]
    public void TryFind_IanaId_FindsTheZone(string id)
    {
        // Act
        var found = TemporalZones.TryFind(id, out var zone);

        // Assert
        Assert.True(found);
        Assert.Equal(id, zone!.Id);
    }

    [Theory]
    [InlineData("europe/berlin")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Mars/Olympus")]
    [InlineData("Local")]
    [InlineData("+01:00")]
    [InlineData("")]
    public void TryFind_OtherSpellingOrUnknownId_FindsNothing(string id)
    {
        // Act
        var found = TemporalZones.TryFind(id, out _);

        // Assert
        Assert.False(found);
    }

    [Theory]
    [InlineData("2024-01-15T12:00:00", 60)]
    [InlineData("2024-07-15T12:00:00", 120)]
    [InlineData("2024-03-31T01:59:59", 60)]
    [InlineData("2024-03-31T02:30:00", 60)]
    [InlineData("2024-03-31T03:00:00", 120)]
    [InlineData("2024-10-27T02:30:00", 120)]
    [InlineData("2024-10-27T03:00:00", 60)]
    public void OffsetAt_Berlin_FollowsDaylightSaving(string local, int offsetMinutes)
    {
        // Act
        var offset = TemporalZones.OffsetAt("Europe/Berlin", DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), offset);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2024-03-31T02:30:00", "2024-03-31T03:30:00", 120)]
    [InlineData("Europe/Berlin", "2024-03-31T02:00:00", "2024-03-31T03:00:00", 120)]
    [InlineData("America/New_York", "2024-03-10T02:30:00", "2024-03-10T03:30:00", -240)]
    [InlineData("America/New_York", "2024-06-01T02:30:00", "2024-06-01T02:30:00", -240)]
    public void Resolve_TimeInAGap_MovesForwardByTheGap(string zone, string local, string expectedLocal, int offsetMinutes)
    {
        // Act
        var (resolved, offset) = TemporalZones.Resolve(zone, DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(DateTime.Parse(expectedLocal, System.Globalization.CultureInfo.InvariantCulture), resolved);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), offset);
    }

    [Theory]
    [InlineData(null, -240)]
    [InlineData(-300, -300)]
    [InlineData(-240, -240)]
    [InlineData(180, -240)]
    public void Resolve_RepeatedHour_KeepsAValidPreferredOffsetElseTakesTheEarlier(int? preferredMinutes, int expectedMinutes)
    {
        // Arrange: New York repeats 01:00-02:00 on 2024-11-03 (first at -04:00, then at -05:00).
        var local = new DateTime(2024, 11, 3, 1, 30, 0);
        TimeSpan? preferred = preferredMinutes is { } m ? TimeSpan.FromMinutes(m) : null;

        // Act
        var (resolved, offset) = TemporalZones.Resolve("America/New_York", local, preferred);

        // Assert
        Assert.Equal(local, resolved);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), offset);
    }

    [Fact]
    public void Resolve_UnknownZone_Throws()
    {
        // Act / Assert
        Assert.Throws<ArgumentException>(() => TemporalZones.Resolve("Mars/Olympus", new DateTime(2024, 1, 1)));
    }

    [Fact]
    public void DateTime_SecondPassOfTheAutumnHour_KeepsItsOffset()
    {
        // Act: 01:30 at -05:00 is the second 01:30 in New York on 2024-11-03.
        var second = new FeelDateTime(new DateTime(2024, 11, 3, 1, 30, 0), TimeSpan.FromHours(-5), "America/New_York");
        var first = new FeelDateTime(new DateTime(2024, 11, 3, 1, 30, 0), zone: "America/New_York");

        // Assert
        Assert.Equal(TimeSpan.FromHours(-5), second.Offset);
        Assert.Equal(TimeSpan.FromHours(-4), first.Offset);
        Assert.Equal(TimeSpan.FromHours(1), second.Instant - first.Instant);
    }

    [Fact]
    public void DateTime_ZoneOffset_IsIgnoredOutsideTheRepeatedHour()
    {
        // Act
        var value = new FeelDateTime(new DateTime(2024, 7, 1, 12, 0, 0), TimeSpan.FromHours(5), "Europe/Berlin");

        // Assert
        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
        Assert.Equal("Europe/Berlin", value.Zone);
    }
}
