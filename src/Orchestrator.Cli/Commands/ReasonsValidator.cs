using Orchestrator.Connectors.Voc;

namespace Orchestrator.Cli.Commands;

/// <summary>
/// The VOC reason catalogue beside validated BPMN files (<c>&lt;folder of the bpmn&gt;/voc/reasons.json</c>): it parses, no code
/// is listed twice, every child starts with its parent's code and every code is labelled in each of the shop's languages.
/// </summary>
internal static class ReasonsValidator
{
    /// <summary>The catalogue file beside <paramref name="file"/>.</summary>
    public static string CatalogueOf(string file) => Path.Combine(Path.GetDirectoryName(file) ?? "", "voc", "reasons.json");

    /// <returns>False when the catalogue has a problem.</returns>
    public static bool Check(string path, TextWriter output)
    {
        var catalogue = new ReasonCatalogue(path);
        foreach (var problem in catalogue.Problems)
        {
            output.WriteLine(problem.ToString());
        }

        if (catalogue.Problems.Count > 0)
        {
            return false;
        }

        output.WriteLine($"{path}: valid ({Count(catalogue.Reasons)} reason codes)");
        return true;
    }

    private static int Count(IEnumerable<ReasonCode> reasons) => reasons.Sum(r => 1 + Count(r.Children));
}
