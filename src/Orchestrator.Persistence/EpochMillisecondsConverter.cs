using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Persistence;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC milliseconds since 1970.</summary>
public sealed class EpochMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
