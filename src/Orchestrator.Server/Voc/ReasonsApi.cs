using Orchestrator.Connectors.Voc;
using Orchestrator.Engine.Tracking;
using Orchestrator.Server.Api;

namespace Orchestrator.Server.Voc;

/// <summary><c>GET /api/voc/reasons?lang=</c>: the VOC reason catalogue with its labels in one language (any signed-in user).</summary>
public static class ReasonsApi
{
    public static RouteGroupBuilder MapVocReasonsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/voc").RequireAuthorization(Auth.AuthExtensions.ApiPolicy);
        group.MapGet("/reasons", (string? lang, ReasonCatalogue catalogue) =>
        {
            if (lang is not null && !CaseTracking.IsLanguageTag(lang))
            {
                throw ApiException.Invalid($"lang: '{lang}' is not a language tag (e.g. en, zh-CN)");
            }

            var language = lang ?? ReasonCatalogue.FallbackLanguage;
            return TypedResults.Ok(new VocReasons(language, [.. catalogue.Reasons.Select(r => Item(r, language))]));
        });
        return group;
    }

    private static VocReason Item(ReasonCode reason, string language) =>
        new(reason.Code, reason.Label(language), [.. reason.Children.Select(c => Item(c, language))]);

    /// <summary>The catalogue in one language.</summary>
    /// <param name="Language">The language asked for (labels missing in it are in its primary subtag's, else in English).</param>
    /// <param name="Reasons">The top-level codes.</param>
    public sealed record VocReasons(string Language, IReadOnlyList<VocReason> Reasons);

    /// <summary>One reason code.</summary>
    /// <param name="Code">The code, e.g. <c>logistics/damaged</c>.</param>
    /// <param name="Label">Its label in the language asked for.</param>
    /// <param name="Children">The finer codes below it.</param>
    public sealed record VocReason(string Code, string Label, IReadOnlyList<VocReason> Children);
}
