namespace Orchestrator.Feel.Tests.Support;

/// <summary>A clock pinned to one instant and zone, so <c>now()</c> and <c>today()</c> are predictable.</summary>
internal sealed class TestClock(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => zone;
}
