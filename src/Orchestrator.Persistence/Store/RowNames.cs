using System.Text;

namespace Orchestrator.Persistence.Store;

/// <summary>How engine names are written in rows and on the wire.</summary>
public static class RowNames
{
    /// <summary><c>ServiceTask</c> → <c>SERVICE_TASK</c>, as Camunda names types and states.</summary>
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
