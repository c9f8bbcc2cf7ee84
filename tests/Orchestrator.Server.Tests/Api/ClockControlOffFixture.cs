using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>A server started as in production: clock control off.</summary>
public sealed class ClockControlOffFixture : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Engine:ClockControl"] = "false";
        return settings;
    }
}
