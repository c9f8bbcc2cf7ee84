using System.Text.RegularExpressions;
using Orchestrator.Engine.Model;

namespace Orchestrator.Engine.Tracking;

/// <summary>
/// What a process shows its customers, as the process owner declared it in <c>zeebe:properties</c>: on the process,
/// <c>tracking.caseType</c> (which turns tracking on), <c>tracking.title</c>, <c>tracking.reference</c>, <c>tracking.eta</c>
/// and <c>tracking.refund</c>; on each customer-visible element, <c>tracking.step</c> and its <c>tracking.label</c>. Every
/// text may have a translation per language, e.g. <c>tracking.label.zh-CN</c>.
/// </summary>
public sealed partial class CaseTracking
{
    /// <summary>The process property that turns tracking on and names the kind of case (e.g. <c>return</c>).</summary>
    public const string CaseTypeProperty = "tracking.caseType";

    /// <summary>The process property with the page's title (per language with a <c>.lang</c> suffix).</summary>
    public const string TitleProperty = "tracking.title";

    /// <summary>The process property with the case's reference the customer knows (FEEL, e.g. <c>=orderId</c>).</summary>
    public const string ReferenceProperty = "tracking.reference";

    /// <summary>The process property with when the case is expected to be done (FEEL giving a date and time).</summary>
    public const string EtaProperty = "tracking.eta";

    /// <summary>The process property with the refund the customer gets (FEEL giving <c>{amount, currency}</c>, or null).</summary>
    public const string RefundProperty = "tracking.refund";

    /// <summary>The element property that makes it a step the customer sees, by the step's key.</summary>
    public const string StepProperty = "tracking.step";

    /// <summary>
    /// The element property with a FEEL condition on the case's variables: while the condition is false the step is not shown
    /// as still to come (<c>=kind = "exchange"</c>; <c>=false</c> shows an outcome such as "rejected" only once reached).
    /// </summary>
    public const string WhenProperty = "tracking.when";

    /// <summary>The element property with the step's label (per language with a <c>.lang</c> suffix).</summary>
    public const string LabelProperty = "tracking.label";

    /// <summary>The language texts fall back to when a case's language has none.</summary>
    public const string DefaultLanguage = "en";

    /// <summary>Whether a text is a language tag as the texts' suffixes and the page's <c>?lang=</c> take them (<c>en</c>, <c>zh-CN</c>).</summary>
    public static bool IsLanguageTag(string text) => LanguageTag().IsMatch(text);

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTag();

    internal CaseTracking(
        string caseType, LocalizedText title, ModelExpression? reference, ModelExpression? eta, ModelExpression? refund, IReadOnlyList<TrackedStep> steps)
    {
        CaseType = caseType;
        Title = title;
        Reference = reference;
        Eta = eta;
        Refund = refund;
        Steps = steps;
    }

    /// <summary>The kind of case, e.g. <c>return</c>.</summary>
    public string CaseType { get; }

    /// <summary>The page's title.</summary>
    public LocalizedText Title { get; }

    /// <summary>The case's reference, if declared.</summary>
    public ModelExpression? Reference { get; }

    /// <summary>The expected end, if declared.</summary>
    public ModelExpression? Eta { get; }

    /// <summary>The refund the customer gets, if declared.</summary>
    public ModelExpression? Refund { get; }

    /// <summary>The steps, in the order a case passes them (by distance from the start).</summary>
    public IReadOnlyList<TrackedStep> Steps { get; }
}

/// <summary>A step the customer sees, and the elements that make it.</summary>
/// <param name="Key">The step's key.</param>
/// <param name="Label">Its label.</param>
/// <param name="Elements">The elements marked with this key.</param>
/// <param name="When">The elements' <see cref="CaseTracking.WhenProperty"/> conditions, by element id.</param>
public sealed record TrackedStep(string Key, LocalizedText Label, IReadOnlyList<FlowNode> Elements, IReadOnlyDictionary<string, ModelExpression> When);

/// <summary>A text in several languages.</summary>
public sealed class LocalizedText
{
    private readonly IReadOnlyDictionary<string, string> _byLanguage;

    internal LocalizedText(IReadOnlyDictionary<string, string> byLanguage) => _byLanguage = byLanguage;

    /// <summary>The languages it has (the empty string for the text written without one).</summary>
    public IEnumerable<string> Languages => _byLanguage.Keys;

    /// <summary>
    /// The text in a language: that language (case-insensitive), else its primary language (<c>zh</c> for <c>zh-TW</c>),
    /// else <see cref="CaseTracking.DefaultLanguage"/>, else the text written without a language, else any.
    /// </summary>
    public string In(string? language)
    {
        if (language is not null)
        {
            if (_byLanguage.TryGetValue(language, out var exact))
            {
                return exact;
            }

            var dash = language.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && _byLanguage.TryGetValue(language[..dash], out var primary))
            {
                return primary;
            }
        }

        return _byLanguage.TryGetValue(CaseTracking.DefaultLanguage, out var fallback) || _byLanguage.TryGetValue(string.Empty, out fallback)
            ? fallback
            : _byLanguage.Values.FirstOrDefault() ?? string.Empty;
    }
}
