using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Engine;
using Orchestrator.Feel.Values;
using Refit;

namespace Orchestrator.Connectors.Common;

/// <summary>
/// A job handler that makes one call to one external API and completes the job with the answer as one result
/// variable. Answers the model can act on become BPMN errors (422 with its code, 400 <c>INVALID_REQUEST</c>,
/// 404 <c>NOT_FOUND</c>); anything else that fails, once the resilience handler has given up, throws
/// <see cref="ConnectorException"/> so the worker fails the job with one retry less.
/// </summary>
/// <typeparam name="TApi">The Refit client.</typeparam>
public abstract class ConnectorHandler<TApi> : IConnectorHandler
    where TApi : class
{
    private readonly IServiceScopeFactory _scopes;

    /// <summary>Creates the handler.</summary>
    /// <param name="scopes">A client is resolved per job, so the HTTP handlers behind it are rotated by the client factory.</param>
    private protected ConnectorHandler(IServiceScopeFactory scopes) => _scopes = scopes;

    /// <inheritdoc />
    public abstract string Type { get; }

    /// <inheritdoc />
    public abstract string ResultVariable { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, FeelValue>?> HandleAsync(ActivatedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var input = new JobInput(job);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var api = scope.ServiceProvider.GetRequiredService<TApi>();
            try
            {
                var result = await CallAsync(api, input, cancellationToken).ConfigureAwait(false);
                return new Dictionary<string, FeelValue>(StringComparer.Ordinal) { [ResultVariable] = result };
            }
            catch (ApiException exception)
            {
                throw ConnectorFailures.FromAnswer(Type, exception);
            }
            catch (ApiRequestException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw ConnectorFailures.FromNoAnswer(Type, exception);
            }
        }
    }

    /// <summary>Builds the request from the job's inputs, calls the API and returns the result variable's value.</summary>
    private protected abstract Task<FeelValue> CallAsync(TApi api, JobInput input, CancellationToken cancellationToken);
}
