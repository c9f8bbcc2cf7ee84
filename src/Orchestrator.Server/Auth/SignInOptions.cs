namespace Orchestrator.Server.Auth;

/// <summary>
/// <c>Auth:SignIn</c>: the defences of password sign-in (the sign-in form and HTTP Basic): lockouts after repeated
/// failures, per user name and per client address, and how many password hashes are checked at once.
/// </summary>
public sealed class SignInOptions
{
    /// <summary><c>Auth:SignIn:MaxFailuresPerUser</c>: failed passwords for one user name within the window that lock it. Default 5.</summary>
    public int MaxFailuresPerUser { get; set; } = 5;

    /// <summary><c>Auth:SignIn:MaxFailuresPerAddress</c>: failed sign-ins (any user name, or API key) from one client address within the window that lock it. Default 20.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary><c>Auth:SignIn:FailureWindow</c>: how long failures are counted. Default 15 minutes.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary><c>Auth:SignIn:Lockout</c>: how long a locked user name or address is refused (429). Default 15 minutes.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// <c>Auth:SignIn:HashConcurrency</c>: how many password hashes (PBKDF2, slow on purpose) are checked at once, so that a
    /// flood of sign-ins leaves the other cores to the API. Default half the processors, at least 1.
    /// </summary>
    public int HashConcurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary><c>Auth:SignIn:HashQueueTimeout</c>: how long a sign-in waits for its turn before it is refused (503, retry). Default 2 s.</summary>
    public TimeSpan HashQueueTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The problems of these settings, empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxFailuresPerUser < 1 || MaxFailuresPerAddress < 1 || HashConcurrency < 1)
        {
            yield return "Auth:SignIn:MaxFailuresPerUser, MaxFailuresPerAddress and HashConcurrency must be at least 1";
        }

        if (FailureWindow <= TimeSpan.Zero || Lockout <= TimeSpan.Zero || HashQueueTimeout <= TimeSpan.Zero)
        {
            yield return "Auth:SignIn:FailureWindow, Lockout and HashQueueTimeout must be positive durations";
        }
    }
}
