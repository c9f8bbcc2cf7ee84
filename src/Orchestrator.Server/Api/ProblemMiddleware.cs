using System.Text.Json;
using Orchestrator.Engine;
using Orchestrator.Engine.Execution;
using Orchestrator.Persistence.Store;

namespace Orchestrator.Server.Api;

/// <summary>
/// Turns every refusal and failure into <c>application/problem+json</c> with a Camunda title code; nothing escapes as a bare 500.
/// A request its client aborted ends as 499 without an error: the cancellation it causes is no failure of the server.
/// </summary>
public sealed partial class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger, IHostApplicationLifetime lifetime)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400 && context.Response.ContentType is null
                && context.Response.ContentLength is null && !HttpMethods.IsHead(context.Request.Method))
            {
                // A refusal the framework answered without a body (no such route, a method or a content type the route does not
                // take, a challenge): the problem says which.
                var status = context.Response.StatusCode;
                await WriteAsync(context, status, RequestRefusals.TitleOf(status), RequestRefusals.DetailOf(context, status)).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (context.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException)
        {
            // The client hung up (a closed tab, a worker that stopped polling, an upload broken off, which reads as a reset
            // stream): nobody reads an answer and nothing failed here; the request log records the 499.
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = ClientClosedRequest;
            }
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
        {
            var (status, title, detail) = Classify(exception, context);
            if (status >= 500)
            {
                LogFailure(exception, context.Request.Path);
            }

            if (exception is StoreFaultedException)
            {
                lifetime.StopApplication();
            }

            if (exception is ApiException { BodyLeftUnread: true })
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.Connection = "close";
                    return Task.CompletedTask;
                });
            }

            var retryAfter = exception is CommitConflictException ? TimeSpan.FromSeconds(1) : (exception as ApiException)?.RetryAfter;
            await WriteAsync(context, status, title, detail, retryAfter).ConfigureAwait(false);
        }
    }

    /// <summary>Writes a problem response.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A 401 keeps the challenge an authentication handler set (RFC 9110 requires it); Clear() would drop it.
        var challenge = context.Response.Headers.WWWAuthenticate;
        context.Response.Clear();
        context.Response.Headers.WWWAuthenticate = challenge;
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/problem+json";
        var problem = new ProblemBody("about:blank", title, status, detail, context.Request.Path);
        await JsonSerializer.SerializeAsync(context.Response.Body, problem, ApiJson.Options, context.RequestAborted).ConfigureAwait(false);
    }

    private static (int Status, string Title, string Detail) Classify(Exception exception, HttpContext context) => exception switch
    {
        ApiException api => (api.Status, api.Title, api.Message),
        EngineException { Error: EngineError.NotFound } e => (404, "NOT_FOUND", e.Message),
        EngineException { Error: EngineError.InvalidArgument } e => (400, "INVALID_ARGUMENT", e.Message),
        EngineException { Error: EngineError.TooLarge } e => (413, "PAYLOAD_TOO_LARGE", e.Message),
        EngineException { Error: EngineError.Forbidden } e => (403, "FORBIDDEN", e.Message),
        EngineException e => (409, "INVALID_STATE", e.Message),
        DeploymentException d => (400, "INVALID_ARGUMENT", "the deployment was refused:\n" + string.Join("\n", d.Problems)),
        BadHttpRequestException { StatusCode: 413 } => (413, "PAYLOAD_TOO_LARGE", "the request body is too large"),
        BadHttpRequestException bad => (400, "INVALID_ARGUMENT", RequestRefusals.Describe(bad, context)),
        JsonException json => (400, "INVALID_ARGUMENT", RequestRefusals.Describe(json, context)),
        StoreFaultedException => (503, "UNAVAILABLE", "the database refused a write; the server restarts"),
        CommitConflictException conflict => (503, "RESOURCE_EXHAUSTED", conflict.Message),
        CommitRefusedException refused => (400, "INVALID_ARGUMENT", refused.Message),
        _ => (500, "INTERNAL", "an unexpected error occurred; see the server log"),
    };

    /// <summary>The status nginx made the convention for a request whose client closed the connection before the answer.</summary>
    public const int ClientClosedRequest = 499;

    [LoggerMessage(Level = LogLevel.Error, Message = "request {Path} failed")]
    private partial void LogFailure(Exception exception, string path);

    private sealed record ProblemBody(string Type, string Title, int Status, string Detail, string Instance);
}
