using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Orchestrator.Server.Api;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Auth;

/// <summary>
/// Checks passwords for the sign-in form and HTTP Basic, with the defences of <see cref="SignInOptions"/>: a user name or a
/// client address with too many recent failures is locked for a while (429 with Retry-After, before any hashing); an unknown
/// user name costs the same hashing as a known one, so timing tells nothing; at most a few hashes run at once; a password
/// already verified is remembered (by a hash of it) so each API call does not pay PBKDF2 again.
/// </summary>
public sealed partial class PasswordCheck(AuthOptions auth, IOptions<SignInOptions> options, ControllableClock clock, IPasswordHasher<string> hasher, ILogger<PasswordCheck> logger)
    : IDisposable
{
    /// <summary>Past this many tracked names or addresses, expired entries are swept.</summary>
    private const int SweepAbove = 10_000;

    private readonly SignInOptions _options = options.Value;
    private readonly SemaphoreSlim _hashing = new(options.Value.HashConcurrency);
    private readonly ConcurrentDictionary<string, Failures> _byUser = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _byAddress = new(StringComparer.Ordinal);
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
        var from = address?.ToString() ?? "unknown";
        var now = clock.GetUtcNow();
        ThrowIfLocked(_byUser, name, $"the user name '{name}'", now);
        ThrowIfLocked(_byAddress, from, $"the address {from}", now);
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
            result = hasher.VerifyHashedPassword(name, user?.PasswordHash ?? _decoy, password);
        }
        finally
        {
            _hashing.Release();
        }

        if (user is null || result == PasswordVerificationResult.Failed)
        {
            Failed(name, address);
            return null;
        }

        _byUser.TryRemove(name, out _);
        _verified[remembered] = true;
        return user;
    }

    /// <summary>Counts a failed sign-in that needed no password check (an unknown API key) against its address.</summary>
    public void Failed(IPAddress? address) => Count(_byAddress, address?.ToString() ?? "unknown", _options.MaxFailuresPerAddress, clock.GetUtcNow());

    /// <summary>Refuses an address locked by earlier failures (for API keys, which need no password check).</summary>
    /// <exception cref="ApiException">429 while it is locked.</exception>
    public void ThrowIfLocked(IPAddress? address)
    {
        var from = address?.ToString() ?? "unknown";
        ThrowIfLocked(_byAddress, from, $"the address {from}", clock.GetUtcNow());
    }

    private void Failed(string name, IPAddress? address)
    {
        var now = clock.GetUtcNow();
        Count(_byUser, name, _options.MaxFailuresPerUser, now);
        Count(_byAddress, address?.ToString() ?? "unknown", _options.MaxFailuresPerAddress, now);
    }

    private void Count(ConcurrentDictionary<string, Failures> table, string key, int limit, DateTimeOffset now)
    {
        if (table.Count > SweepAbove)
        {
            foreach (var stale in table.Where(e => e.Value.Expired(now, _options.FailureWindow)).Select(e => e.Key).ToList())
            {
                table.TryRemove(stale, out _);
            }
        }

        var failures = table.AddOrUpdate(key, _ => new Failures(now, 1, null), (_, f) => f.Add(now, _options.FailureWindow));
        if (failures.LockedUntil is null && failures.Count >= limit)
        {
            var locked = failures with { LockedUntil = now + _options.Lockout };
            table[key] = locked;
            LogLocked(key, failures.Count, locked.LockedUntil.Value);
        }
    }

    private static void ThrowIfLocked(ConcurrentDictionary<string, Failures> table, string key, string what, DateTimeOffset now)
    {
        if (table.TryGetValue(key, out var failures) && failures.LockedUntil is { } until && until > now)
        {
            throw ApiException.TooMany(
                string.Create(CultureInfo.InvariantCulture, $"{what} is locked after {failures.Count} failed sign-ins; try again after {until:u}"), until - now);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "sign-in for {Key} locked until {Until} after {Count} failures")]
    private partial void LogLocked(string key, int count, DateTimeOffset until);

    /// <summary>Failures since <see cref="Since"/>, and until when they lock.</summary>
    private sealed record Failures(DateTimeOffset Since, int Count, DateTimeOffset? LockedUntil)
    {
        public bool Expired(DateTimeOffset now, TimeSpan window) => (LockedUntil ?? Since + window) <= now;

        /// <summary>One more failure; a lapsed lock or window starts counting afresh.</summary>
        public Failures Add(DateTimeOffset now, TimeSpan window) => Expired(now, window) ? new Failures(now, 1, null) : this with { Count = Count + 1 };
    }
}
