using Orchestrator.Connectors.Carrier;

namespace Orchestrator.Connectors.Tests.Carrier;

/// <summary>The tracking vocabularies of EasyPost, Shippo and AfterShip, mapped to the statuses the models branch on.</summary>
public sealed class TrackingStatusesTests
{
    public static TheoryData<string, string, TrackingStatus> Table => new()
    {
        // EasyPost tracker status[/status_detail]
        { "easypost", "unknown", TrackingStatus.Created },
        { "easypost", "pre_transit", TrackingStatus.Created },
        { "easypost", "in_transit", TrackingStatus.InTransit },
        { "easypost", "out_for_delivery", TrackingStatus.OutForDelivery },
        { "easypost", "available_for_pickup", TrackingStatus.AvailableForPickup },
        { "easypost", "delivered", TrackingStatus.Delivered },
        { "easypost", "return_to_sender", TrackingStatus.ReturnToSender },
        { "easypost", "failure", TrackingStatus.FailedAttempt },
        { "easypost", "cancelled", TrackingStatus.Stale },
        { "easypost", "canceled", TrackingStatus.Stale },
        { "easypost", "error", TrackingStatus.Stale },
        { "easypost", "failure/lost", TrackingStatus.Lost },
        { "easypost", "failure/damaged", TrackingStatus.Damaged },
        { "easypost", "in_transit/weather_delay", TrackingStatus.Delayed },
        { "easypost", "in_transit/arrived_at_facility", TrackingStatus.InTransit },
        { "easypost", "IN_TRANSIT", TrackingStatus.InTransit },

        // Shippo tracking_status.status[/substatus.code]
        { "shippo", "UNKNOWN", TrackingStatus.Created },
        { "shippo", "PRE_TRANSIT", TrackingStatus.Created },
        { "shippo", "TRANSIT", TrackingStatus.InTransit },
        { "shippo", "TRANSIT/package_departed", TrackingStatus.InTransit },
        { "shippo", "TRANSIT/out_for_delivery", TrackingStatus.OutForDelivery },
        { "shippo", "TRANSIT/delayed", TrackingStatus.Delayed },
        { "shippo", "TRANSIT/package_held", TrackingStatus.Delayed },
        { "shippo", "TRANSIT/delivery_attempted", TrackingStatus.FailedAttempt },
        { "shippo", "TRANSIT/notice_left", TrackingStatus.FailedAttempt },
        { "shippo", "TRANSIT/pickup_available", TrackingStatus.AvailableForPickup },
        { "shippo", "TRANSIT/package_damaged", TrackingStatus.Damaged },
        { "shippo", "DELIVERED", TrackingStatus.Delivered },
        { "shippo", "RETURNED", TrackingStatus.ReturnToSender },
        { "shippo", "RETURNED/package_unclaimed", TrackingStatus.ReturnToSender },
        { "shippo", "FAILURE", TrackingStatus.FailedAttempt },
        { "shippo", "FAILURE/package_lost", TrackingStatus.Lost },
        { "shippo", "FAILURE/package_disposed", TrackingStatus.Lost },
        { "shippo", "FAILURE/package_undeliverable", TrackingStatus.FailedAttempt },

        // AfterShip tag, subtag or tag/subtag
        { "aftership", "Pending", TrackingStatus.Created },
        { "aftership", "InfoReceived", TrackingStatus.Created },
        { "aftership", "InTransit", TrackingStatus.InTransit },
        { "aftership", "InTransit_007", TrackingStatus.InTransit },
        { "aftership", "OutForDelivery", TrackingStatus.OutForDelivery },
        { "aftership", "AttemptFail", TrackingStatus.FailedAttempt },
        { "aftership", "AvailableForPickup", TrackingStatus.AvailableForPickup },
        { "aftership", "Delivered", TrackingStatus.Delivered },
        { "aftership", "Exception", TrackingStatus.FailedAttempt },
        { "aftership", "Exception_003", TrackingStatus.FailedAttempt },
        { "aftership", "Exception_004", TrackingStatus.Delayed },
        { "aftership", "Exception_005", TrackingStatus.Delayed },
        { "aftership", "Exception_010", TrackingStatus.ReturnToSender },
        { "aftership", "Exception/Exception_011", TrackingStatus.ReturnToSender },
        { "aftership", "Exception_012", TrackingStatus.Damaged },
        { "aftership", "Exception_013", TrackingStatus.Lost },
        { "aftership", "Expired", TrackingStatus.Stale },
        { "AfterShip", "delivered", TrackingStatus.Delivered },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Normalise_maps_the_vendor_value(string provider, string raw, TrackingStatus expected) =>
        Assert.Equal(expected, TrackingStatuses.Normalise(provider, raw));

    [Theory]
    [InlineData("easypost", "teleported")]
    [InlineData("shippo", "in_transit")]
    [InlineData("aftership", "")]
    [InlineData("fedex", "in_transit")]
    public void Normalise_refuses_what_it_does_not_know(string provider, string raw)
    {
        Assert.Throws<ArgumentException>(() => TrackingStatuses.Normalise(provider, raw));
        Assert.False(TrackingStatuses.TryNormalise(provider, raw, out _));
    }

    [Fact]
    public void Every_normalised_status_is_reached_from_some_vendor_value()
    {
        var reached = Table.Select(row => (TrackingStatus)row[2]).ToHashSet();

        Assert.Equal(Enum.GetValues<TrackingStatus>().ToHashSet(), reached);
    }

    [Theory]
    [InlineData("InTransit", true)]
    [InlineData("Stale", true)]
    [InlineData("in_transit", false)]
    [InlineData("3", false)]
    [InlineData(null, false)]
    public void IsNormalised_accepts_only_the_exact_status_names(string? value, bool expected) =>
        Assert.Equal(expected, TrackingStatuses.IsNormalised(value));
}
