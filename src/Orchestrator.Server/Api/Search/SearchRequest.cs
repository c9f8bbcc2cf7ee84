using System.Text.Json;

namespace Orchestrator.Server.Api.Search;

/// <summary>A Camunda search: <c>{filter, sort:[{field, order}], page}</c>; every part optional.</summary>
public sealed record SearchRequest(JsonElement? Filter, IReadOnlyList<SortRequest>? Sort, PageRequest? Page);

/// <summary>One sort field; <c>order</c> is <c>ASC</c> or <c>DESC</c> in any case.</summary>
public sealed record SortRequest(string? Field, string? Order);

/// <summary><c>{from, limit}</c>, <c>{after, limit}</c> or <c>{before, limit}</c>.</summary>
public sealed record PageRequest(int? From, int? Limit, string? After, string? Before);

/// <summary>A page of results.</summary>
public sealed record SearchResponse<T>(IReadOnlyList<T> Items, PageResponse Page);

/// <summary>Where the page stands; cursors are base64 text.</summary>
public sealed record PageResponse(long TotalItems, bool HasMoreTotalItems, string? StartCursor, string? EndCursor);
