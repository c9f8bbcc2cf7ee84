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
    /// <summary>Past this many tracked names or addresses, expired entries are swept (at most once a minute).</summary>
    private const int SweepAbove = 10_000;

    /// <summary>The longest user name taken: a failure's name is kept for a while, and a name is never longer in practice.</summary>
    public const int MaxUserNameLength = 256;

    private long _nextSweep;
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
        if (name.Length > MaxUserNameLength)
        {
            throw ApiException.Invalid($"a user name is at most {MaxUserNameLength} characters");
        }

        var from = AddressKey(address);
        ThrowIfLocked(name, from);
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
            // Again now that it is this attempt's turn: guesses queued together must not all be checked past the lock.
            ThrowIfLocked(name, from);
            result = hasher.VerifyHashedPassword(name, user?.PasswordHash ?? _decoy, password);
            if (user is null || result == PasswordVerificationResult.Failed)
            {
                var now = clock.GetUtcNow();
                Count(_byUser, name, _options.MaxFailuresPerUser, now);
                Count(_byAddress, from, _options.MaxFailuresPerAddress, now);
                return null;
            }
        }
        finally
        {
            _hashing.Release();
        }


        _byUser.TryRemove(name, out _);
        _verified[remembered] = true;
        return user;
    }

    /// <summary>Counts a failed sign-in that needed no password check (an unknown API key) against its address.</summary>
    public void Failed(IPAddress? address) => Count(_byAddress, AddressKey(address), _options.MaxFailuresPerAddress, clock.GetUtcNow());

    /// <summary>Refuses an address locked by earlier failures (for API keys, which need no password check).</summary>
    /// <exception cref="ApiException">429 while it is locked.</exception>
    public void ThrowIfLocked(IPAddress? address)
    {
        var from = AddressKey(address);
        ThrowIfLocked(_byAddress, from, $"the address {from}", clock.GetUtcNow());
    }

    /// <summary>
    /// What failures are counted against for an address: the address itself for IPv4, its /64 network for IPv6 (one
    /// subscriber holds a whole /64, and could otherwise try from ever new addresses).
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private void ThrowIfLocked(string name, string from)
    {
        var now = clock.GetUtcNow();
        ThrowIfLocked(_byUser, name, $"the user name '{name}'", now);
        ThrowIfLocked(_byAddress, from, $"the address {from}", now);
    }

    private void Count(ConcurrentDictionary<string, Failures> table, string key, int limit, DateTimeOffset now)
    {
        Sweep(table, now);
        var lockedNow = false;
        table.AddOrUpdate(
            key,
            _ => Lock(new Failures(now, 1, null)),
            (_, f) => Lock(f.Add(now, _options.FailureWindow)));
        if (lockedNow)
        {
            LogLocked(key, limit, now + _options.Lockout);
        }

        // Decided inside the update, so that two failures racing cannot both lock, or lose the lock.
        Failures Lock(Failures failures)
        {
            lockedNow = failures.LockedUntil is null && failures.Count >= limit;
            return lockedNow ? failures with { LockedUntil = now + _options.Lockout } : failures;
        }
    }

    /// <summary>Drops expired entries once the table is large, at most once a minute (a sweep walks the whole table).</summary>
    private void Sweep(ConcurrentDictionary<string, Failures> table, DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (table.Count <= SweepAbove || now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, now.AddMinutes(1).UtcTicks, next) != next)
        {
            return;
        }

        foreach (var stale in table.Where(e => e.Value.Expired(now, _options.FailureWindow)).ToList())
        {
            table.TryRemove(stale);
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
