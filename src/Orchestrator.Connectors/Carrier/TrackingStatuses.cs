using System.Diagnostics.CodeAnalysis;

namespace Orchestrator.Connectors.Carrier;

/// <summary>
/// Maps tracking vocabularies of the common aggregators to <see cref="TrackingStatus"/>. A raw value is the
/// status, optionally followed by <c>/</c> and the vendor's detail code, which refines it:
/// <list type="bullet">
/// <item><c>easypost</c>: <c>status[/status_detail]</c>, e.g. <c>in_transit</c>, <c>failure/lost</c>, <c>in_transit/weather_delay</c>.</item>
/// <item><c>shippo</c>: <c>STATUS[/substatus]</c>, e.g. <c>TRANSIT/delivery_attempted</c>, <c>FAILURE/package_lost</c>.</item>
/// <item><c>aftership</c>: <c>Tag</c>, <c>Subtag</c> or <c>Tag/Subtag</c>, e.g. <c>AttemptFail</c>, <c>Exception_013</c>.</item>
/// </list>
/// Matching ignores case. The tables are in the connectors README.
/// </summary>
public static class TrackingStatuses
{
    private static readonly StringComparer Ignore = StringComparer.OrdinalIgnoreCase;

    private static readonly HashSet<string> Names = new(Enum.GetNames<TrackingStatus>(), StringComparer.Ordinal);

    private static readonly Dictionary<string, TrackingStatus> EasyPost = new(Ignore)
    {
        ["unknown"] = TrackingStatus.Created,
        ["pre_transit"] = TrackingStatus.Created,
        ["in_transit"] = TrackingStatus.InTransit,
        ["out_for_delivery"] = TrackingStatus.OutForDelivery,
        ["available_for_pickup"] = TrackingStatus.AvailableForPickup,
        ["delivered"] = TrackingStatus.Delivered,
        ["return_to_sender"] = TrackingStatus.ReturnToSender,
        ["failure"] = TrackingStatus.FailedAttempt,
        ["cancelled"] = TrackingStatus.Stale,
        ["canceled"] = TrackingStatus.Stale,
        ["error"] = TrackingStatus.Stale,
    };

    // status_detail values that say more than the status; any other detail keeps the status's mapping.
    private static readonly Dictionary<string, TrackingStatus> EasyPostDetails = new(Ignore)
    {
        ["lost"] = TrackingStatus.Lost,
        ["damaged"] = TrackingStatus.Damaged,
        ["delayed"] = TrackingStatus.Delayed,
        ["weather_delay"] = TrackingStatus.Delayed,
        ["held"] = TrackingStatus.Delayed,
        ["return"] = TrackingStatus.ReturnToSender,
        ["return_to_sender"] = TrackingStatus.ReturnToSender,
        ["refused"] = TrackingStatus.FailedAttempt,
        ["address_not_found"] = TrackingStatus.FailedAttempt,
        ["delivery_exception"] = TrackingStatus.FailedAttempt,
        ["arrived_at_pickup_location"] = TrackingStatus.AvailableForPickup,
    };

    private static readonly Dictionary<string, TrackingStatus> Shippo = new(Ignore)
    {
        ["UNKNOWN"] = TrackingStatus.Created,
        ["PRE_TRANSIT"] = TrackingStatus.Created,
        ["TRANSIT"] = TrackingStatus.InTransit,
        ["DELIVERED"] = TrackingStatus.Delivered,
        ["RETURNED"] = TrackingStatus.ReturnToSender,
        ["FAILURE"] = TrackingStatus.FailedAttempt,
    };

    private static readonly Dictionary<string, TrackingStatus> ShippoSubstatuses = new(Ignore)
    {
        ["out_for_delivery"] = TrackingStatus.OutForDelivery,
        ["delayed"] = TrackingStatus.Delayed,
        ["package_held"] = TrackingStatus.Delayed,
        ["delivery_attempted"] = TrackingStatus.FailedAttempt,
        ["notice_left"] = TrackingStatus.FailedAttempt,
        ["address_issue"] = TrackingStatus.FailedAttempt,
        ["location_inaccessible"] = TrackingStatus.FailedAttempt,
        ["reschedule_delivery"] = TrackingStatus.FailedAttempt,
        ["pickup_available"] = TrackingStatus.AvailableForPickup,
        ["package_damaged"] = TrackingStatus.Damaged,
        ["package_lost"] = TrackingStatus.Lost,
        ["package_disposed"] = TrackingStatus.Lost,
        ["return_to_sender"] = TrackingStatus.ReturnToSender,
        ["package_unclaimed"] = TrackingStatus.ReturnToSender,
    };

    private static readonly Dictionary<string, TrackingStatus> AfterShip = new(Ignore)
    {
        ["Pending"] = TrackingStatus.Created,
        ["InfoReceived"] = TrackingStatus.Created,
        ["InTransit"] = TrackingStatus.InTransit,
        ["OutForDelivery"] = TrackingStatus.OutForDelivery,
        ["AttemptFail"] = TrackingStatus.FailedAttempt,
        ["AvailableForPickup"] = TrackingStatus.AvailableForPickup,
        ["Delivered"] = TrackingStatus.Delivered,
        ["Exception"] = TrackingStatus.FailedAttempt,
        ["Expired"] = TrackingStatus.Stale,
    };

    // Exception subtags that are not a failed delivery; Exception_001..003, 006..009 (refused, moved, wrong address...) stay FailedAttempt.
    private static readonly Dictionary<string, TrackingStatus> AfterShipSubtags = new(Ignore)
    {
        ["Exception_004"] = TrackingStatus.Delayed,
        ["Exception_005"] = TrackingStatus.Delayed,
        ["Exception_010"] = TrackingStatus.ReturnToSender,
        ["Exception_011"] = TrackingStatus.ReturnToSender,
        ["Exception_012"] = TrackingStatus.Damaged,
        ["Exception_013"] = TrackingStatus.Lost,
    };

    /// <summary>The providers <see cref="Normalise"/> knows: <c>easypost</c>, <c>shippo</c>, <c>aftership</c>.</summary>
    public static IReadOnlyList<string> Providers { get; } = ["easypost", "shippo", "aftership"];

    /// <summary>The normalised status of a provider's raw tracking value.</summary>
    /// <param name="provider"><c>easypost</c>, <c>shippo</c> or <c>aftership</c> (any case).</param>
    /// <param name="raw">The raw status, optionally with <c>/detail</c> (see the class summary).</param>
    /// <exception cref="ArgumentException">The provider is unknown, or the status is not in its vocabulary.</exception>
    public static TrackingStatus Normalise(string provider, string raw) =>
        TryNormalise(provider, raw, out var status)
            ? status
            : throw new ArgumentException($"'{raw}' is not a known {provider} tracking status", nameof(raw));

    /// <summary>As <see cref="Normalise"/>, without throwing: false for an unknown provider or status.</summary>
    public static bool TryNormalise(string? provider, string? raw, out TrackingStatus status)
    {
        status = default;
        if (string.IsNullOrWhiteSpace(provider) || string.IsNullOrWhiteSpace(raw))
        {
            return false;
        }

        var slash = raw.IndexOf('/', StringComparison.Ordinal);
        var main = (slash < 0 ? raw : raw[..slash]).Trim();
        var detail = slash < 0 ? null : raw[(slash + 1)..].Trim();
        return provider.Trim().ToUpperInvariant() switch
        {
            "EASYPOST" => Lookup(EasyPost, EasyPostDetails, main, detail, out status),
            "SHIPPO" => Lookup(Shippo, ShippoSubstatuses, main, detail, out status),
            "AFTERSHIP" => LookupAfterShip(main, detail, out status),
            _ => false,
        };
    }

    private static bool Lookup(
        Dictionary<string, TrackingStatus> statuses, Dictionary<string, TrackingStatus> details, string main, string? detail, out TrackingStatus status)
    {
        if (!statuses.TryGetValue(main, out status))
        {
            return false;
        }

        if (detail is not null && details.TryGetValue(detail, out var refined))
        {
            status = refined;
        }

        return true;
    }

    private static bool LookupAfterShip(string main, string? detail, out TrackingStatus status)
    {
        // A subtag alone ("Exception_013") names its tag before the underscore.
        var subtag = detail ?? (main.Contains('_', StringComparison.Ordinal) ? main : null);
        var tag = subtag is not null && detail is null ? main[..main.IndexOf('_', StringComparison.Ordinal)] : main;
        return Lookup(AfterShip, AfterShipSubtags, tag, subtag, out status);
    }

    /// <summary>True when <paramref name="value"/> is already a normalised status name (as the carrier API's <c>status</c> is).</summary>
    public static bool IsNormalised([NotNullWhen(true)] string? value) =>
        value is not null && Names.Contains(value);
}
