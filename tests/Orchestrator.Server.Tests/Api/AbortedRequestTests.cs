using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrator.Server.Api;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// A client that hangs up is not a server failure: the request ends as 499 (client closed request) with no error in the
/// server's log, where ASP.NET would log the cancellation as an unhandled exception and a 500.
/// </summary>
public sealed class AbortedRequestTests
{
    [Fact]
    public async Task A_long_poll_the_client_aborts_logs_no_error()
    {
        // Arrange: the real server (Kestrel, as a client meets it) and a long poll waiting for jobs nobody creates.
        using var database = TestDatabase.Create();
        await using var process = await ServerProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Auth:Anonymous"] = "true",
            ["Telemetry:Metrics:AllowAnonymous"] = "true",
            ["Workflows:Path"] = Path.Combine(database.Folder, "none"),
        });
        using var client = new HttpClient { BaseAddress = process.Address };
        using var abort = new CancellationTokenSource();
        var poll = client.PostAsync("/v2/jobs/activation", new StringContent(
            $$"""{"type": "nobody-works-this", "maxJobsToActivate": 1, "timeout": 1000, "requestTimeout": 60000}""", Encoding.UTF8, "application/json"), abort.Token);
        Assert.True(await Poll.Until(async () => ActivePosts(await client.GetStringAsync("/metrics")) > 0), "the activation never waited");

        // Act
        await abort.CancelAsync();

        // Assert: the request is logged as finished, as a 499, and nothing at error level.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        Assert.True(await Poll.Until(() => process.Output.Contains("POST /v2/jobs/activation responded", StringComparison.Ordinal)), process.Output);
        var output = process.Output;
        Assert.True(output.Contains("POST /v2/jobs/activation responded 499", StringComparison.Ordinal), output);
        Assert.False(output.Contains(" ERR]", StringComparison.Ordinal) || output.Contains(" FTL]", StringComparison.Ordinal), output);
    }

    /// <summary>The POST requests in flight, from ASP.NET Core's <c>http.server.active_requests</c> in Prometheus' text.</summary>
    private static double ActivePosts(string metrics) => metrics.Split('\n')
        .Where(line => line.StartsWith("http_server_active_requests{", StringComparison.Ordinal) && line.Contains("http_request_method=\"POST\"", StringComparison.Ordinal))
        .Sum(line => double.Parse(line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    public static TheoryData<Exception> AbortExceptions() =>
    [
        new TaskCanceledException("the client went away"),
        new OperationCanceledException("the client went away"),
        new IOException("The client reset the request stream."),
    ];

    [Theory]
    [MemberData(nameof(AbortExceptions))]
    public async Task A_cancellation_of_an_aborted_request_is_a_499_without_an_error_log(Exception thrown)
    {
        // Arrange
        var logger = new RecordingLogger();
        var middleware = new ProblemMiddleware(_ => throw thrown, logger, new StubLifetime());
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };

        // Act
        await middleware.InvokeAsync(context);

        // Assert
        Assert.Equal(499, context.Response.StatusCode);
        Assert.DoesNotContain(logger.Levels, level => level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_cancellation_while_the_client_is_still_there_is_not_taken_for_an_abort()
    {
        // Arrange: a cancellation of the server's own making (a timeout) is a failure, as before.
        var middleware = new ProblemMiddleware(_ => throw new OperationCanceledException("a timeout"), new RecordingLogger(), new StubLifetime());
        var context = new DefaultHttpContext();

        // Act and assert
        await Assert.ThrowsAsync<OperationCanceledException>(() => middleware.InvokeAsync(context));
    }

    [Fact]
    public async Task An_io_failure_while_the_client_is_still_there_is_a_500_and_logged()
    {
        // Arrange
        var logger = new RecordingLogger();
        var middleware = new ProblemMiddleware(_ => throw new IOException("the disk is full"), logger, new StubLifetime());
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        // Act
        await middleware.InvokeAsync(context);

        // Assert
        Assert.Equal(500, context.Response.StatusCode);
        Assert.Contains(LogLevel.Error, logger.Levels);
    }

    private sealed class RecordingLogger : ILogger<ProblemMiddleware>
    {
        public List<LogLevel> Levels { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Levels.Add(logLevel);
    }

    private sealed class StubLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
