namespace Orchestrator.Server.Quality;

/// <summary>The label of a VOC reason code in a language, from the shop's reason catalogue.</summary>
public sealed class VocReasonLabels
{
    public string Label(string code, string? language) => code;
}
