namespace Orchestrator.Connectors.Voc;

/// <summary>The shop's VOC reason catalogue (section <c>Voc</c>).</summary>
public sealed class ReasonOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Voc";

    /// <summary>
    /// <c>Voc:ReasonsPath</c>: the catalogue file. The server's default is <c>voc/reasons.json</c> in its workflows folder
    /// (<c>Workflows:Path</c>, else the shipped one). A missing file is an empty catalogue.
    /// </summary>
    public string? ReasonsPath { get; set; }
}
