namespace Orchestrator.Fuzz.Tests.Support;

/// <summary>A clock that stays where it was set (<c>now()</c> and timers give the same answer every run) until moved.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    public override DateTimeOffset GetUtcNow() => _now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => _now += by;
}
