using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// The names history records give element kinds, made once: <c>Enum.ToString()</c> boxes the value on every call,
/// and the runner names a kind in three records per element.
/// </summary>
internal static class KindNames
{
    private static readonly string[] Elements = Enum.GetNames<ElementKind>();

    /// <summary><c>ServiceTask</c>, <c>Process</c>, …</summary>
    public static string Of(ElementKind kind) => Elements[(int)kind];
}
