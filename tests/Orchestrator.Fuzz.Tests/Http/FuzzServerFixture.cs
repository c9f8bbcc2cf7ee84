using Orchestrator.Testing;

namespace Orchestrator.Fuzz.Tests.Http;

/// <summary>The in-process server with anonymous access, and long polls cut short so a fuzzed activation or await does not hold the run.</summary>
public sealed class FuzzServerFixture : ServerFixture
{
    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Limits:RequestTimeoutMaxMilliseconds"] = "50";
        return settings;
    }
}
