using Orchestrator.Connectors.Voc;

namespace Orchestrator.Server.Quality;

/// <summary>The label of a VOC reason code in a language, from the shop's reason catalogue (the code itself when it is not there).</summary>
public sealed class VocReasonLabels(ReasonCatalogue catalogue)
{
    public string Label(string code, string? language) => catalogue.Find(code)?.Label(language ?? ReasonCatalogue.FallbackLanguage) ?? code;
}
