using System.Net;
using Orchestrator.Server.Limits;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Api;

/// <summary>
/// A request whose target or header fields are past the limits is refused by the real server (Kestrel) with a problem that says
/// what and how big — 414 for the target, 431 for the header fields — where the web server at its own limits answered with the
/// status and no body; what is within the limits passes.
/// </summary>
public sealed class RequestHeadTests(RequestHeadTests.Server server) : IClassFixture<RequestHeadTests.Server>
{
    private HttpClient Client => server.Client;

    /// <summary>One server process for the class, its own database, anonymous.</summary>
    public sealed class Server : IAsyncLifetime, IDisposable
    {
        private readonly TestDatabase _database = TestDatabase.Create();
        private ServerProcess? _process;

        public HttpClient Client { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _process = await ServerProcess.StartAsync(_database, new Dictionary<string, string?>
            {
                ["Auth:Anonymous"] = "true",
                ["Workflows:Path"] = Path.Combine(_database.Folder, "none"),
            });
            Client = new HttpClient { BaseAddress = _process.Address };
        }

        public async Task DisposeAsync()
        {
            if (_process is not null)
            {
                await _process.DisposeAsync();
            }
        }

        public void Dispose()
        {
            Client?.Dispose();
            _database.Dispose();
        }
    }

    [Fact]
    public async Task A_target_longer_than_the_limit_is_a_414_problem_saying_how_long()
    {
        var path = "/v2/topology?pad=" + new string('a', 9_000);

        var detail = await ApiAssert.Problem(await Client.GetAsync(path), 414, "URI_TOO_LONG");

        Assert.Contains($"is {path.Length} bytes; at most 8192 (Limits:RequestTargetMaxBytes)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_within_the_limit_passes()
    {
        var response = await Client.GetAsync("/v2/topology?pad=" + new string('a', 8_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task More_header_fields_than_the_limit_are_a_431_problem_saying_how_many()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/topology");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-Field-{i}", "v");
        }

        var detail = await ApiAssert.Problem(await Client.SendAsync(request), 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");

        Assert.Contains("header fields; at most 100 (Limits:RequestHeadersMaxCount)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Header_fields_bigger_than_the_limit_are_a_431_problem_naming_the_biggest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/topology");
        request.Headers.Add("X-Small", "v");
        request.Headers.Add("X-Huge", new string('h', 40_000));

        var detail = await ApiAssert.Problem(await Client.SendAsync(request), 431, "REQUEST_HEADER_FIELDS_TOO_LARGE");

        Assert.Contains("at most 32768 (Limits:RequestHeadersMaxBytes); the biggest is X-Huge (40010 bytes)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_past_the_web_servers_own_limits_is_still_refused()
    {
        var response = await Client.GetAsync("/v2/topology?pad=" + new string('a', 40_000));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Theory]
    [InlineData(nameof(LimitsOptions.RequestTargetMaxBytes), 100, "Limits:RequestTargetMaxBytes 100")]
    [InlineData(nameof(LimitsOptions.RequestHeadersMaxBytes), 2_000_000, "Limits:RequestHeadersMaxBytes 2000000")]
    [InlineData(nameof(LimitsOptions.RequestHeadersMaxCount), 5, "Limits:RequestHeadersMaxCount 5 must be between 10 and 10000")]
    public void A_head_limit_out_of_range_is_a_problem_of_the_settings(string setting, int value, string problem)
    {
        var options = new LimitsOptions();
        Assert.Empty(options.Problems());
        typeof(LimitsOptions).GetProperty(setting)!.SetValue(options, value);

        Assert.Contains(options.Problems(), p => p.Contains(problem, StringComparison.Ordinal));
    }
}
