using System.Net;
using System.Text.Json;
using Orchestrator.Workers;
using Refit;

namespace Orchestrator.Connectors.Common;

/// <summary>
/// Translates Refit's exceptions. The new exceptions never wrap Refit's, which keep the request and so the
/// <c>X-Api-Key</c> header: whatever logs a failed job cannot print the key.
/// </summary>
internal static class ConnectorFailures
{
    public static Exception FromAnswer(string type, ApiException exception)
    {
        var status = (int)exception.StatusCode;
        var call = $"{type}: {exception.HttpMethod} {exception.RequestMessage?.RequestUri?.AbsolutePath} answered {status}";
        var error = ReadError(exception.Content);
        return exception.StatusCode switch
        {
            // A conflict (409) is a state of the partner's record the model can act on, like a business refusal (422).
            HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict when error is { Error.Length: > 0 } =>
                new BpmnErrorException(error.Error, error.Message ?? error.Error),
            HttpStatusCode.BadRequest =>
                new BpmnErrorException(ConnectorErrorCodes.InvalidRequest, Describe(call, error)),
            HttpStatusCode.NotFound =>
                new BpmnErrorException(ConnectorErrorCodes.NotFound, Describe(call, error)),
            _ => new ConnectorException(Describe(call, error)),
        };
    }

    public static ConnectorException FromNoAnswer(string type, ApiRequestException exception)
    {
        var cause = exception.InnerException ?? exception;
        return new ConnectorException(
            $"{type}: {exception.HttpMethod} {exception.RequestMessage?.RequestUri?.AbsolutePath} got no answer ({cause.GetType().Name}: {cause.Message})",
            exception.InnerException is ApiExceptionBase ? null : exception.InnerException);
    }

    private static string Describe(string call, ApiError? error) =>
        error is null ? call : $"{call} {error.Error}: {error.Message}";

    private static ApiError? ReadError(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(content, ConnectorJsonContext.Default.ApiError);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
