using System.Collections.Frozen;
using Orchestrator.Engine.State;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The names a state enum is stored under — upper case as Camunda names states (<c>EXECUTION_LISTENER</c>) or the enum's own
/// name (<c>Activatable</c>), whichever its column has always held — made once, and back: a row maps to its value through a
/// table, never by parsing, and a name no version wrote is a clear error (the instance that holds it is quarantined).
/// </summary>
internal static class StoredNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> UpperNames = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => RecordNames.Upper(v.ToString()));
    private static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => v.ToString());

    // Both forms, in any case: what earlier versions read with a case-insensitive parse reads the same.
    private static readonly FrozenDictionary<string, TEnum> ByName = Enum.GetValues<TEnum>()
        .SelectMany(v => new[] { (Name: v.ToString(), Value: v), (Name: RecordNames.Upper(v.ToString()), Value: v) })
        .DistinctBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
        .ToFrozenDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary><c>ExecutionListener</c> → <c>EXECUTION_LISTENER</c>.</summary>
    public static string Upper(TEnum value) => UpperNames[value];

    /// <summary>The enum's own name (<c>Activatable</c>).</summary>
    public static string Name(TEnum value) => Names[value];

    /// <summary>The value a stored name stands for.</summary>
    /// <exception cref="InvalidDataException">No version stores this name in <paramref name="column"/>.</exception>
    public static TEnum Read(string stored, string column) =>
        ByName.TryGetValue(stored, out var value) ? value : throw new InvalidDataException($"'{stored}' in {column} is not a {typeof(TEnum).Name}");
}
