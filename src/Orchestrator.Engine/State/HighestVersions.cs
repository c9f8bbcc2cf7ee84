namespace Orchestrator.Engine.State;

/// <summary>
/// The highest version number noted per id, for versions the definition stores no longer hold but whose numbers still count
/// when the next version is numbered (undeployed ones, stored ones that could not be loaded); 0 for an id never noted.
/// </summary>
public sealed class HighestVersions
{
    private readonly Dictionary<string, int> _highest = new(StringComparer.Ordinal);

    /// <summary>The highest version noted for <paramref name="id"/>, 0 when none was.</summary>
    public int this[string id] => _highest.GetValueOrDefault(id);

    /// <summary>Notes <paramref name="version"/> of <paramref name="id"/>; a lower one than noted before changes nothing.</summary>
    public void Note(string id, int version) => _highest[id] = Math.Max(version, this[id]);
}
