using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Tracking;
using Orchestrator.Persistence;
using Orchestrator.Server.Api;
using Orchestrator.Server.Limits;

namespace Orchestrator.Server.Tracking;

/// <summary>
/// The customer's side: <c>GET /api/track/{token}</c> (JSON) and <c>GET /track/{token}</c> (a small page with a refresh
/// link), without signing in, rate-limited per client address. An unknown or malformed token is 404 after the same
/// reads and no sooner than <see cref="TrackingOptions.MinimumResponseMilliseconds"/>, like a known one.
/// </summary>
public static class TrackingApi
{
    /// <summary>Maps the two routes.</summary>
    public static WebApplication MapTrackingApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/track/{token}", async (string token, string? lang, HttpContext http, CaseTracker tracker, OrchestratorDbContext db,
            IOptions<TrackingOptions> options, CancellationToken ct) =>
        {
            var view = await FindAsync(token, lang, http, tracker, db, options.Value, ct).ConfigureAwait(false);
            return view is null
                ? throw ApiException.NotFound("no case has this tracking link")
                : Results.Json(view, ApiJson.Options);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Tracking);
        app.MapGet("/track/{token}", async (string token, string? lang, HttpContext http, CaseTracker tracker, OrchestratorDbContext db,
            IOptions<TrackingOptions> options, CancellationToken ct) =>
        {
            var view = await FindAsync(token, lang, http, tracker, db, options.Value, ct).ConfigureAwait(false);
            var language = view?.Language ?? lang ?? PreferredLanguage(http.Request);
            return Results.Content(TrackingPage.Render(view, language, options.Value), "text/html; charset=utf-8", Encoding.UTF8,
                view is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Tracking);
        return app;
    }

    private static async Task<CaseView?> FindAsync(
        string token, string? lang, HttpContext http, CaseTracker tracker, OrchestratorDbContext db, TrackingOptions options, CancellationToken ct)
    {
        if (lang is not null && !CaseTracking.IsLanguageTag(lang))
        {
            throw ApiException.Invalid($"lang: '{lang}' is not a language tag (e.g. en, zh-CN)");
        }

        // The link is the customer's secret: not for referrers, caches or search engines.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        var started = Stopwatch.GetTimestamp();
        var view = await tracker.FindAsync(db, token, lang, ct).ConfigureAwait(false);
        var left = TimeSpan.FromMilliseconds(options.MinimumResponseMilliseconds) - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, ct).ConfigureAwait(false);
        }

        return view;
    }

    /// <summary>The first language of the browser's <c>Accept-Language</c>, for the page of an unknown link.</summary>
    private static string? PreferredLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value)
            .FirstOrDefault(l => l is not null && CaseTracking.IsLanguageTag(l));
}
