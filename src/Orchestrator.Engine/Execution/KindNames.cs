using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// The names history records give element and event kinds, made once: <c>Enum.ToString()</c> boxes the value on every call,
/// and the runner names a kind in three records per element.
/// </summary>
internal static class KindNames
{
    private static readonly string[] Elements = Enum.GetNames<ElementKind>();
    private static readonly string[] EventsUpper = [.. Enum.GetNames<EventKind>().Select(n => n.ToUpperInvariant())];

    /// <summary><c>ServiceTask</c>, <c>Process</c>, …</summary>
    public static string Of(ElementKind kind) => Elements[(int)kind];

    /// <summary><c>TIMER</c>, <c>MESSAGE</c>, …</summary>
    public static string Upper(EventKind kind) => EventsUpper[(int)kind];
}
