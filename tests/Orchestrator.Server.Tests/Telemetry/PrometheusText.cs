using System.Globalization;

namespace Orchestrator.Server.Tests.Telemetry;

/// <summary>Reads samples out of a Prometheus text exposition.</summary>
public static class PrometheusText
{
    /// <summary>
    /// The sum of the samples of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/>
    /// (<c>name=value</c>); null when there is no such sample.
    /// </summary>
    public static double? Sum(string exposition, string metric, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double? sum = null;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var close = line[metric.Length] == '{' ? line.IndexOf("} ", StringComparison.Ordinal) : metric.Length - 1;
            var labelText = line[metric.Length] == '{' ? line[(metric.Length + 1)..close] : "";
            if (!labels.All(label => labelText.Split(',').Contains(Quote(label), StringComparer.Ordinal)))
            {
                continue;
            }

            var value = line[(close + 2)..].Split(' ')[0];
            sum = (sum ?? 0) + double.Parse(value, CultureInfo.InvariantCulture);
        }

        return sum;
    }

    private static string Quote(string label)
    {
        var equals = label.IndexOf('=', StringComparison.Ordinal);
        return $"{label[..equals]}=\"{label[(equals + 1)..]}\"";
    }
}
