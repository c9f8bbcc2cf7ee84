namespace Orchestrator.Persistence.Rows;

/// <summary>
/// Recent failed sign-ins against one user name or one client address (<see cref="Key"/> says which), shared by every node so
/// that a lockout holds across a cluster. Times are UTC milliseconds since 1970 on every database: the counting statement
/// (<see cref="Store.SignInFailures"/>) does its arithmetic in SQL.
/// </summary>
public sealed class SignInFailureRow
{
    /// <summary><c>user:</c> and the user name, or <c>address:</c> and the client address (IPv6 by /64).</summary>
    public required string Key { get; set; }

    /// <summary>When the failures counted now began.</summary>
    public long Since { get; set; }

    public int Count { get; set; }

    /// <summary>Until when sign-ins are refused, once <see cref="Count"/> reached the limit.</summary>
    public long? LockedUntil { get; set; }
}
