namespace Orchestrator.Engine.Execution;

/// <summary>Text the engine writes into a message or a record that a database keeps.</summary>
internal static class StoredText
{
    /// <summary>The text with each NUL character written as <c>\u0000</c>: PostgreSQL cannot store NUL in text.</summary>
    public static string EscapeNul(string text) => text.Replace("\0", "\\u0000", StringComparison.Ordinal);
}
