using System.Net;
using System.Text;

namespace Orchestrator.Connectors.Tests.Support;

/// <summary>
/// Stands in for the simulators below the real client pipeline (Refit, logging, the resilience handler):
/// it records every request and answers from a queue, then with the fallback answer.
/// </summary>
public sealed class FakeApi : HttpMessageHandler
{
    private readonly Queue<(HttpStatusCode Status, string? Json)> _answers = new();
    private readonly List<RecordedRequest> _requests = [];
    private (HttpStatusCode Status, string? Json)? _fallback;

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public RecordedRequest Request => Assert.Single(Requests);

    /// <summary>Answers the next request with this (answers queue up in order).</summary>
    public FakeApi Then(HttpStatusCode status, string? json = null)
    {
        _answers.Enqueue((status, json));
        return this;
    }

    /// <summary>Answers every request the queue does not with this.</summary>
    public FakeApi Always(HttpStatusCode status, string? json = null)
    {
        _fallback = (status, json);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        (HttpStatusCode Status, string? Json) answer;
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(request.Method, request.RequestUri!.PathAndQuery, headers, body));
            answer = _answers.Count > 0 ? _answers.Dequeue() : _fallback ?? throw new InvalidOperationException($"no answer for {request.Method} {request.RequestUri}");
        }

        return new HttpResponseMessage(answer.Status)
        {
            RequestMessage = request,
            Content = answer.Json is null ? null : new StringContent(answer.Json, Encoding.UTF8, "application/json"),
        };
    }
}
