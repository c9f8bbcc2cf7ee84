using Orchestrator.Feel.Values;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Tests.Hosting;

/// <summary>Times the workflows write (SLA due and met dates, a case's expected end) read as the instants they name.</summary>
public sealed class FeelInstantsTests
{
    [Theory]
    [InlineData("\"2026-12-05T02:40:34.7@Asia/Shanghai\"", "2026-12-04T18:40:34.7000000+00:00")]
    [InlineData("\"2026-12-05T02:40:34+08:00\"", "2026-12-04T18:40:34.0000000+00:00")]
    [InlineData("\"2026-12-04T18:40:34Z\"", "2026-12-04T18:40:34.0000000+00:00")]
    [InlineData("\"2090-01-01T00:00:00+15:00\"", "2089-12-31T09:00:00.0000000+00:00")]
    [InlineData("\"2026-12-04\"", "2026-12-04T00:00:00.0000000+00:00")]
    [InlineData("\"soon\"", null)]
    [InlineData("42", null)]
    [InlineData("not json", null)]
    public void A_stored_value_reads_as_the_instant_it_names(string json, string? expected) =>
        Assert.Equal(expected, FeelInstants.OfJson(json)?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_time_before_the_first_instant_dotnet_knows_is_none()
    {
        var earliest = new FeelDateTime(DateTime.MinValue, TimeSpan.FromHours(1));

        Assert.Null(FeelInstants.Of(earliest));
    }
}
