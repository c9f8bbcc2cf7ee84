using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orchestrator.Testing;

namespace Orchestrator.Server.Tests.Hardening;

/// <summary>Counts (and, when told to, holds) the password checks the server makes.</summary>
public sealed class WatchedHasher : IPasswordHasher<string>
{
    private readonly PasswordHasher<string> _real = new();
    private int _running;
    private int _checks;
    private int _mostAtOnce;

    /// <summary>How many checks ran.</summary>
    public int Checks => Volatile.Read(ref _checks);

    /// <summary>The most that ran at the same time.</summary>
    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    /// <summary>How many run now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>While not set, checks wait here.</summary>
    public ManualResetEventSlim Open { get; } = new(true);

    public string HashPassword(string user, string password) => _real.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(string user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _checks);
        var running = Interlocked.Increment(ref _running);
        InterlockedMax(ref _mostAtOnce, running);
        try
        {
            Open.Wait(TimeSpan.FromSeconds(30));
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>A server with the user alice, small sign-in limits, one password check at a time, and a <see cref="WatchedHasher"/>.</summary>
public sealed class SignInFixture : ServerFixture
{
    public const string Password = "alice-secret";

    public WatchedHasher Hasher { get; } = new();

    protected override Dictionary<string, string?> Settings()
    {
        var settings = base.Settings();
        settings["Auth:Users:alice:PasswordHash"] = new PasswordHasher<string>().HashPassword("alice", Password);
        settings["Auth:Users:alice:Roles:0"] = "agent";
        settings["Auth:SignIn:MaxFailuresPerUser"] = "3";
        settings["Auth:SignIn:MaxFailuresPerAddress"] = "6";
        settings["Auth:SignIn:HashConcurrency"] = "1";
        settings["Auth:SignIn:HashQueueTimeout"] = "00:00:00.2";
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IPasswordHasher<string>>(Hasher);
}

/// <summary>
/// Sign-in defences: repeated failures lock a user name and a client address for a while (429 with Retry-After, no
/// password check at all meanwhile), an unknown user name costs the same check as a known one, and password checks run
/// a few at a time so that a flood of sign-ins leaves the API alone. Each test starts a day later on the pinned clock,
/// past every lock of the tests before.
/// </summary>
public sealed class SignInDefenceTests(SignInFixture server) : IClassFixture<SignInFixture>
{
    private static int _day;

    private Task FreshDayAsync() => server.PinAsync(DateTimeOffset.UtcNow.AddDays(Interlocked.Increment(ref _day)));

    private Task<HttpResponseMessage> SignInAsync(string user, string password) =>
        server.NewClient().PostAsJsonAsync("/api/auth/sign-in", new { username = user, password });

    [Fact]
    public async Task Bug_wrong_passwords_could_be_tried_without_end_now_the_user_name_locks()
    {
        await FreshDayAsync();
        for (var i = 0; i < 3; i++)
        {
            await ApiAssert.Problem(await SignInAsync("alice", $"guess-{i}"), 401, "UNAUTHORIZED");
        }

        var checks = server.Hasher.Checks;
        var locked = await SignInAsync("alice", SignInFixture.Password);
        var detail = await ApiAssert.Problem(locked, 429, "TOO_MANY_REQUESTS");
        Assert.Contains("the user name 'alice' is locked after 3 failed sign-ins", detail, StringComparison.Ordinal);
        Assert.InRange(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 890, 900);
        using var basic = server.ClientAs("alice", SignInFixture.Password);
        await ApiAssert.Problem(await basic.PostAsJsonAsync("/v2/user-tasks/search", new { }), 429, "TOO_MANY_REQUESTS");
        Assert.Equal(checks, server.Hasher.Checks);

        await server.PinAsync(server.Now.AddMinutes(16));
        await ApiAssert.OkJson(await SignInAsync("alice", SignInFixture.Password));
    }

    [Fact]
    public async Task Bug_user_names_could_be_told_by_timing_an_unknown_one_costs_the_same_check()
    {
        await FreshDayAsync();
        var before = server.Hasher.Checks;

        await ApiAssert.Problem(await SignInAsync("nobody-like-this", "guess"), 401, "UNAUTHORIZED");
        Assert.Equal(before + 1, server.Hasher.Checks);
        await ApiAssert.Problem(await SignInAsync("alice", "guess"), 401, "UNAUTHORIZED");
        Assert.Equal(before + 2, server.Hasher.Checks);
    }

    [Fact]
    public async Task Failures_under_many_user_names_lock_the_address()
    {
        await FreshDayAsync();
        for (var i = 0; i < 6; i++)
        {
            await ApiAssert.Problem(await SignInAsync($"sprayed-{i}", "Winter2026!"), 401, "UNAUTHORIZED");
        }

        var detail = await ApiAssert.Problem(await SignInAsync("alice", SignInFixture.Password), 429, "TOO_MANY_REQUESTS");
        Assert.Contains("is locked after 6 failed sign-ins", detail, StringComparison.Ordinal);
        using var wrongKey = server.NewClient();
        wrongKey.DefaultRequestHeaders.Add("X-API-Key", "guessed");
        await ApiAssert.Problem(await wrongKey.PostAsJsonAsync("/v2/user-tasks/search", new { }), 429, "TOO_MANY_REQUESTS");
    }

    [Fact]
    public async Task Bug_keys_sent_to_routes_anyone_may_call_counted_as_failed_sign_ins_and_locked_the_address()
    {
        // The connectors send the simulated carrier its API key in X-API-Key; webhooks and the simulators take no credentials of ours.
        await FreshDayAsync();
        using var carrierClient = server.NewClient();
        carrierClient.DefaultRequestHeaders.Add("X-API-Key", "the-carriers-key");
        for (var i = 0; i < 10; i++)
        {
            await ApiAssert.Problem(await carrierClient.PostAsJsonAsync("/webhooks/no/such/path", new { }), 401, "UNAUTHORIZED");
        }

        using var alice = server.ClientAs("alice", SignInFixture.Password);
        await ApiAssert.OkJson(await alice.PostAsJsonAsync("/v2/user-tasks/search", new { }));
    }

    [Fact]
    public async Task Password_checks_run_one_at_a_time_and_the_api_answers_meanwhile()
    {
        await FreshDayAsync();
        server.Hasher.Open.Reset();
        try
        {
            // Wrong passwords, so that no earlier sign-in's remembered check spares the hashing.
            var first = SignInAsync("alice", "held-in-the-check");
            Assert.True(await Poll.Until(() => server.Hasher.Running == 1), "the first sign-in never reached its password check");

            // The API is not held up by the sign-in, and a second sign-in waits its turn, then is told to retry.
            await ApiAssert.OkJson(await server.PostAsync("/v2/process-definitions/search", new { }));
            var second = await SignInAsync("alice", "waits-its-turn");
            await ApiAssert.Problem(second, 503, "RESOURCE_EXHAUSTED");
            Assert.Equal("1", second.Headers.GetValues("Retry-After").Single());

            server.Hasher.Open.Set();
            Assert.Equal(HttpStatusCode.Unauthorized, (await first).StatusCode);
            Assert.Equal(1, server.Hasher.MostAtOnce);
        }
        finally
        {
            server.Hasher.Open.Set();
        }
    }
}
