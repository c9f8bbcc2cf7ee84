using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Orchestrator.Server.Tests.Infra;

/// <summary>
/// A configuration source that holds nothing and remembers every key looked up through it: added last, it sees each
/// read of the configuration (an indexer, <c>GetValue</c>, the options binder reading a property or a list entry).
/// </summary>
internal sealed class ConfigurationReads : ConfigurationProvider, IConfigurationSource
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.OrdinalIgnoreCase);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override bool TryGet(string key, out string? value)
    {
        _keys.TryAdd(key, 0);
        value = null;
        return false;
    }

    /// <summary>Whether the application read <paramref name="key"/>.</summary>
    public bool Read(string key) => _keys.ContainsKey(key);
}
