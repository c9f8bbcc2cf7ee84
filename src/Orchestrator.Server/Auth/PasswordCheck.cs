using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Api;
using Orchestrator.Persistence;
using Orchestrator.Persistence.Rows;
using Orchestrator.Persistence.Store;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Auth;

/// <summary>
/// Checks passwords for the sign-in form and HTTP Basic, with the defences of <see cref="SignInOptions"/>: a user name or a
/// client address with too many recent failures is locked for a while (429 with Retry-After, before any hashing); an unknown
/// user name costs the same hashing as a known one, so timing tells nothing; at most a few hashes run at once; a password
/// already verified is remembered (by a hash of it) so each API call does not pay PBKDF2 again. Failures are counted in the
/// database (<see cref="SignInFailures"/>), so a lockout holds on every node of a cluster and across restarts: each password
/// check first reads whether the name or the address is locked; a node also keeps the locks it learnt, which refuse API keys
/// (checked without hashing, so without reading the database) from a locked address — a lock made on another node reaches
/// that path on this one at the next failure here.
/// </summary>
public sealed partial class PasswordCheck(
    AuthOptions auth, IOptions<SignInOptions> options, ControllableClock clock, IPasswordHasher<string> hasher, OrchestratorDatabase database,
    ILogger<PasswordCheck> logger)
    : IDisposable
{
    /// <summary>The longest user name taken: a failure's name is kept for a while, and a name is never longer in practice.</summary>
    public const int MaxUserNameLength = 256;

    private long _nextSweep;
    private readonly SignInOptions _options = options.Value;
    private readonly SemaphoreSlim _hashing = new(options.Value.HashConcurrency);
    private readonly ConcurrentDictionary<string, SignInFailureRow> _locks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _verified = new(StringComparer.Ordinal);

    // Unknown users are checked against this, so that they take as long as known ones.
    private readonly string _decoy = hasher.HashPassword("", Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));

    public void Dispose() => _hashing.Dispose();

    /// <summary>The user when <paramref name="password"/> is theirs, else null (and the failure counts).</summary>
    /// <exception cref="ApiException">429 while the user name or the address is locked; 503 when too many checks wait already.</exception>
    public async Task<UserOptions?> VerifyAsync(string name, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        if (name.Length > MaxUserNameLength)
        {
            throw ApiException.Invalid($"a user name is at most {MaxUserNameLength} characters");
        }

        var byUser = UserKey(name);
        var byAddress = AddressKey(address);
        ThrowIfLocked(clock.GetUtcNow(), byUser, byAddress);
        var user = auth.Users.GetValueOrDefault(name) is { PasswordHash.Length: > 0 } known ? known : null;
        var remembered = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name + "\n" + password + "\n" + user?.PasswordHash)));
        if (user is not null && _verified.ContainsKey(remembered))
        {
            return user;
        }

        if (!await _hashing.WaitAsync(_options.HashQueueTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, "RESOURCE_EXHAUSTED", "too many sign-ins at once; try again in a moment")
            {
                RetryAfter = TimeSpan.FromSeconds(1),
            };
        }

        PasswordVerificationResult result;
        try
        {
            // Again now that it is this attempt's turn, and as the whole cluster counted: guesses queued together, or sent to
            // other nodes, must not be checked past the lock.
            var now = clock.GetUtcNow();
            foreach (var locked in await SignInFailures.LockedAsync(database, [byUser, byAddress], now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false))
            {
                _locks[locked.Key] = locked;
            }

            ThrowIfLocked(now, byUser, byAddress);
            result = hasher.VerifyHashedPassword(name, user?.PasswordHash ?? _decoy, password);
            if (user is null || result == PasswordVerificationResult.Failed)
            {
                // Counted even when the caller gave up meanwhile: aborting a guess must not spare it the count.
                await CountAsync(byUser, _options.MaxFailuresPerUser, now, CancellationToken.None).ConfigureAwait(false);
                await CountAsync(byAddress, _options.MaxFailuresPerAddress, now, CancellationToken.None).ConfigureAwait(false);
                return null;
            }
        }
        finally
        {
            _hashing.Release();
        }

        await SignInFailures.ForgetAsync(database, byUser, cancellationToken).ConfigureAwait(false);
        _verified[remembered] = true;
        return user;
    }

    /// <summary>Counts a failed sign-in that needed no password check (an unknown API key) against its address.</summary>
    public Task FailedAsync(IPAddress? address) => CountAsync(AddressKey(address), _options.MaxFailuresPerAddress, clock.GetUtcNow(), CancellationToken.None);

    /// <summary>Refuses an address locked by earlier failures this node knows of (for API keys, which need no password check).</summary>
    /// <exception cref="ApiException">429 while it is locked.</exception>
    public void ThrowIfLocked(IPAddress? address) => ThrowIfLocked(clock.GetUtcNow(), AddressKey(address));

    /// <summary>
    /// What failures are counted against for an address: the address itself for IPv4, its /64 network for IPv6 (one
    /// subscriber holds a whole /64, and could otherwise try from ever new addresses).
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "address:unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return "address:" + address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return "address:" + address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "address:" + new IPAddress(bytes) + "/64";
    }

    private static string UserKey(string name) => "user:" + name;

    private async Task CountAsync(string key, int limit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = now.ToUnixTimeMilliseconds();
        var lockout = (long)_options.Lockout.TotalMilliseconds;
        var failures = await SignInFailures.CountAsync(
            database, key, at, (long)_options.FailureWindow.TotalMilliseconds, lockout, limit, cancellationToken).ConfigureAwait(false);
        if (failures.LockedUntil is { } until)
        {
            _locks[key] = failures;
            if (until == at + lockout && failures.Count == limit)
            {
                LogLocked(Described(key), limit, DateTimeOffset.FromUnixTimeMilliseconds(until));
            }
        }

        // With every failure, not only those that lock: failures that never reach a limit must not pile up either.
        await SweepAsync(at, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops lapsed locks and counts, here and in the database, at most once a minute.</summary>
    private async Task SweepAsync(long now, CancellationToken cancellationToken)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (now < next || Interlocked.CompareExchange(ref _nextSweep, now + 60_000, next) != next)
        {
            return;
        }

        foreach (var lapsed in _locks.Where(l => l.Value.LockedUntil <= now).ToList())
        {
            _locks.TryRemove(lapsed);
        }

        await SignInFailures.SweepAsync(database, now, (long)_options.FailureWindow.TotalMilliseconds, cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfLocked(DateTimeOffset now, params ReadOnlySpan<string> keys)
    {
        var at = now.ToUnixTimeMilliseconds();
        foreach (var key in keys)
        {
            if (_locks.TryGetValue(key, out var failures) && failures.LockedUntil is { } until && until > at)
            {
                var lockedUntil = DateTimeOffset.FromUnixTimeMilliseconds(until);
                throw ApiException.TooMany(
                    string.Create(CultureInfo.InvariantCulture, $"{Described(key)} is locked after {failures.Count} failed sign-ins; try again after {lockedUntil:u}"),
                    lockedUntil - now);
            }
        }
    }

    private static string Described(string key) =>
        key.StartsWith("user:", StringComparison.Ordinal) ? $"the user name '{key["user:".Length..]}'" : $"the address {key["address:".Length..]}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "sign-in for {Key} locked until {Until} after {Count} failures")]
    private partial void LogLocked(string key, int count, DateTimeOffset until);
}
