namespace Orchestrator.Connectors.Voc;

/// <summary>One code of the VOC reason catalogue, e.g. <c>logistics/damaged</c>, with its labels and the codes below it.</summary>
/// <param name="Code">The code; a child's code starts with its parent's and a <c>/</c>.</param>
/// <param name="Labels">The label by language (BCP 47).</param>
/// <param name="Children">The finer codes below this one.</param>
public sealed record ReasonCode(string Code, IReadOnlyDictionary<string, string> Labels, IReadOnlyList<ReasonCode> Children)
{
    /// <summary>The label in <paramref name="language"/>, else in its primary subtag (<c>de</c> for <c>de-AT</c>), else in <c>en</c>, else the code.</summary>
    public string Label(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Labels.GetValueOrDefault(language) ?? Labels.GetValueOrDefault(language.Split('-')[0])
            ?? Labels.GetValueOrDefault(ReasonCatalogue.FallbackLanguage) ?? Code;
    }
}
