using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Execution;

/// <summary>
/// The names history records give element kinds, made once: <c>Enum.ToString()</c> boxes the value on every call,
/// and the runner names a kind in three records per element.
/// </summary>
internal static class KindNames
{
    // The process is PROCESS, as Camunda names it and as histories written before this table name its start: the web
    // timeline tells a process's start, end and cancellation from its elements' by that name.
    private static readonly string[] Elements = [.. Enum.GetValues<ElementKind>().Select(k => k == ElementKind.Process ? "PROCESS" : k.ToString())];

    /// <summary><c>ServiceTask</c>, <c>UserTask</c>, …; <c>PROCESS</c> for the process.</summary>
    public static string Of(ElementKind kind) => Elements[(int)kind];
}
