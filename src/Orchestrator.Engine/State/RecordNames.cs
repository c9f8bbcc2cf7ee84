using System.Text;

namespace Orchestrator.Engine.State;

/// <summary>
/// The names history records carry on the wire and in rows (<c>ELEMENT_ACTIVATED</c>, <c>USER_TASK</c>...), made once from the
/// enums, and back: storage maps a stored name to its value through these tables instead of parsing it.
/// </summary>
public static class RecordNames
{
    private static readonly string[] ValueTypes = [.. Enum.GetNames<RecordValueType>().Select(Upper)];
    private static readonly string[] Intents = [.. Enum.GetNames<RecordIntent>().Select(Upper)];
    private static readonly Dictionary<string, RecordValueType> ValueTypesByName = Enum.GetValues<RecordValueType>().ToDictionary(Of, StringComparer.Ordinal);
    private static readonly Dictionary<string, RecordIntent> IntentsByName = Enum.GetValues<RecordIntent>().ToDictionary(Of, StringComparer.Ordinal);

    /// <summary><c>UserTask</c> → <c>USER_TASK</c>.</summary>
    public static string Of(RecordValueType valueType) => ValueTypes[(int)valueType];

    /// <summary><c>ElementActivated</c> → <c>ELEMENT_ACTIVATED</c>.</summary>
    public static string Of(RecordIntent intent) => Intents[(int)intent];

    /// <summary>The value type a stored name stands for; false for a name no version wrote.</summary>
    public static bool TryValueType(string name, out RecordValueType valueType) => ValueTypesByName.TryGetValue(name, out valueType);

    /// <summary>The intent a stored name stands for; false for a name no version wrote.</summary>
    public static bool TryIntent(string name, out RecordIntent intent) => IntentsByName.TryGetValue(name, out intent);

    /// <summary><c>ServiceTask</c> → <c>SERVICE_TASK</c>, as Camunda names types, states and intents; a name already upper case stays.</summary>
    public static string Upper(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        if (pascal.Contains('_', StringComparison.Ordinal) || !pascal.Any(char.IsLower))
        {
            return pascal.ToUpperInvariant();
        }

        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
