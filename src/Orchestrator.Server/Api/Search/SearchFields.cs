using System.Collections.Frozen;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Orchestrator.Server.Api.Search;

/// <summary>
/// The filterable and sortable fields of one searchable table, by their API names. Filter values are
/// plain (equality) or operator objects (<c>$eq $neq $in $notIn $like $exists $gt $gte $lt $lte</c>).
/// Every value reaches the database as a parameter, never as SQL text, so each query shape is planned once.
/// </summary>
public sealed class SearchFields<TRow>(Expression<Func<TRow, long>> key)
{
    private readonly Dictionary<string, Func<IQueryable<TRow>, JsonElement, IQueryable<TRow>>> _filters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<IQueryable<TRow>, bool, bool, IOrderedQueryable<TRow>>> _sorts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A key field: a string of digits in JSON.</summary>
    public SearchFields<TRow> Key(string name, Expression<Func<TRow, long>> selector) => Field(name, selector, v => ParseKey(name, v));

    /// <summary>An optional key field.</summary>
    public SearchFields<TRow> Key(string name, Expression<Func<TRow, long?>> selector) => Field<long?>(name, selector, v => ParseKey(name, v));

    /// <summary>A text field (<c>$like</c> takes <c>*</c> and <c>?</c> wildcards).</summary>
    public SearchFields<TRow> Text(string name, Expression<Func<TRow, string?>> selector) =>
        Field(name, selector, v => v.ValueKind == JsonValueKind.String ? v.GetString() : throw Invalid(name, v, "a string"));

    /// <summary>
    /// A text field that holds one of a fixed set of names (a state, a type): any other value is refused, listing the names,
    /// where it would match nothing and pass for an empty result. <paramref name="stored"/> turns a name into what the column
    /// holds, when that differs. A <c>$like</c> pattern is matched against the names (case counts), and finds what the column
    /// holds for those that match: <c>JOB_*</c> finds the incidents stored as <c>JobNoRetries</c>.
    /// </summary>
    public SearchFields<TRow> OneOf(string name, Expression<Func<TRow, string?>> selector, IEnumerable<string> allowed, Func<string, string>? stored = null)
    {
        var names = allowed.ToFrozenSet(StringComparer.Ordinal);
        var expected = $"one of {string.Join(", ", names.Order(StringComparer.Ordinal))}";
        return Field(name, selector, v => v.ValueKind == JsonValueKind.String && names.Contains(v.GetString()!)
            ? stored?.Invoke(v.GetString()!) ?? v.GetString()
            : throw Invalid(name, v, expected),
            pattern =>
            {
                var wildcards = LikePatterns.Regex(pattern);
                return [.. names.Where(n => wildcards.IsMatch(n)).Select(n => stored?.Invoke(n) ?? n)];
            });
    }

    /// <summary>A number field.</summary>
    public SearchFields<TRow> Number(string name, Expression<Func<TRow, int>> selector) =>
        Field(name, selector, v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Invalid(name, v, "an integer"));

    /// <summary>A true/false field.</summary>
    public SearchFields<TRow> Bool(string name, Expression<Func<TRow, bool>> selector) =>
        Field(name, selector, v => v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : throw Invalid(name, v, "true or false"));

    /// <summary>A date field (ISO 8601 in JSON).</summary>
    public SearchFields<TRow> Date(string name, Expression<Func<TRow, DateTimeOffset?>> selector) =>
        Field<DateTimeOffset?>(name, selector, v => ParseDate(name, v));

    /// <summary>A date field that is always set.</summary>
    public SearchFields<TRow> Date(string name, Expression<Func<TRow, DateTimeOffset>> selector) =>
        Field(name, selector, v => ParseDate(name, v));

    /// <summary>A field filtered by hand (no sorting).</summary>
    public SearchFields<TRow> Custom(string name, Func<IQueryable<TRow>, JsonElement, IQueryable<TRow>> filter)
    {
        _filters[name] = filter;
        return this;
    }

    /// <summary>Applies <paramref name="request"/>'s filter, sort and page to <paramref name="query"/> and maps the rows.</summary>
    public Task<SearchResponse<TItem>> RunAsync<TItem>(IQueryable<TRow> query, SearchRequest? request, Func<TRow, TItem> map, CancellationToken cancellationToken) =>
        RunAsync(query, request, row => row, map, cancellationToken);

    /// <summary>
    /// Applies <paramref name="request"/>'s filter, sort and page to <paramref name="query"/>, then reads only
    /// <paramref name="shape"/> of each row of the page (in the database: a long value cut short there, say) and maps it.
    /// </summary>
    public async Task<SearchResponse<TItem>> RunAsync<TShape, TItem>(
        IQueryable<TRow> query, SearchRequest? request, Expression<Func<TRow, TShape>> shape, Func<TShape, TItem> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        query = Filter(query, request?.Filter);
        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        query = Sort(query, request?.Sort);
        var (from, limit) = Page(request?.Page);
        var rows = await query.Skip(from).Take(limit).Select(shape).ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = rows.Select(map).ToList();
        return new SearchResponse<TItem>(items, new PageResponse(
            total, false, items.Count == 0 ? null : Cursor(from), items.Count == 0 ? null : Cursor(from + items.Count - 1)));
    }

    /// <summary>Applies a filter object.</summary>
    public IQueryable<TRow> Filter(IQueryable<TRow> query, JsonElement? filter)
    {
        if (filter is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } f)
        {
            return query;
        }

        if (f.ValueKind != JsonValueKind.Object)
        {
            throw ApiException.Invalid("filter must be an object");
        }

        try
        {
            CheckText(f, "filter");
        }
        catch (InvalidOperationException)
        {
            // JSON can escape half of a UTF-16 pair ("\ud800"): valid syntax, but no string holds it.
            throw ApiException.Invalid("filter holds text that is not valid Unicode (a lone surrogate escape such as \\ud800)");
        }

        foreach (var property in f.EnumerateObject())
        {
            if (!_filters.TryGetValue(property.Name, out var apply))
            {
                throw ApiException.Invalid($"filter.{property.Name} is not a filter field here; known: {string.Join(", ", _filters.Keys.Order(StringComparer.Ordinal))}");
            }

            if (property.Value.ValueKind != JsonValueKind.Null)
            {
                query = apply(query, property.Value);
            }
        }

        return query;
    }

    /// <summary>
    /// Registers a field filtered and sorted by <paramref name="selector"/>; <paramref name="parse"/> reads a value a filter gives,
    /// and for a field of names <paramref name="like"/> gives the values a <c>$like</c> pattern finds (matched in memory, not by
    /// the database).
    /// </summary>
    private SearchFields<TRow> Field<T>(string name, Expression<Func<TRow, T>> selector, Func<JsonElement, T> parse, Func<string, List<T>>? like = null)
    {
        _filters[name] = (query, value) => query.Where(Predicate(name, selector, parse, like, value));
        _sorts[name] = (query, descending, first) => first
            ? descending ? query.OrderByDescending(selector) : query.OrderBy(selector)
            : descending ? ((IOrderedQueryable<TRow>)query).ThenByDescending(selector) : ((IOrderedQueryable<TRow>)query).ThenBy(selector);
        return this;
    }

    private IQueryable<TRow> Sort(IQueryable<TRow> query, IReadOnlyList<SortRequest>? sort)
    {
        IOrderedQueryable<TRow>? ordered = null;
        foreach (var (field, index) in (sort ?? []).Select((f, i) => (f, i)))
        {
            if (field is null)
            {
                throw ApiException.Invalid($"sort[{index}] is null; give an object with a field and an order (ASC or DESC)");
            }

            if (field.Field is null || !_sorts.TryGetValue(field.Field, out var apply))
            {
                throw ApiException.Invalid($"sort field '{field.Field}' is not sortable here; known: {string.Join(", ", _sorts.Keys.Order(StringComparer.Ordinal))}");
            }

            var descending = field.Order?.ToUpperInvariant() switch
            {
                null or "ASC" => false,
                "DESC" => true,
                _ => throw ApiException.Invalid($"sort order '{field.Order}' of '{field.Field}' must be ASC or DESC"),
            };
            ordered = apply(ordered ?? query, descending, ordered is null);
        }

        return ordered is null ? query.OrderBy(key) : ordered.ThenBy(key);
    }

    private static (int From, int Limit) Page(PageRequest? page)
    {
        var limit = page?.Limit ?? 100;
        if (limit is < 0 or > 10_000)
        {
            throw ApiException.Invalid($"page.limit {limit} must be between 0 and 10000");
        }

        if (page?.After is { } after)
        {
            return (ReadCursor("after", after) + 1, limit);
        }

        if (page?.Before is { } before)
        {
            var end = ReadCursor("before", before);
            return (Math.Max(0, end - limit), Math.Min(limit, end));
        }

        var from = page?.From ?? 0;
        return from < 0 ? throw ApiException.Invalid($"page.from {from} must not be negative") : (from, limit);
    }

    private static string Cursor(int position) => Convert.ToBase64String(Encoding.UTF8.GetBytes(position.ToString(CultureInfo.InvariantCulture)));

    private static int ReadCursor(string name, string cursor)
    {
        // A cursor is a position this server wrote: digits only, so a negative or oversized one is refused, not paged with.
        var bytes = new byte[cursor.Length];
        return Convert.TryFromBase64String(cursor, bytes, out var written)
            && int.TryParse(Encoding.UTF8.GetString(bytes, 0, written), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw ApiException.Invalid($"page.{name} '{cursor}' is not a cursor from an earlier answer");
    }

    /// <summary>The most values one <c>$in</c> or <c>$notIn</c> may list.</summary>
    public const int MaxListed = 1000;

    /// <summary>Refuses text a database cannot compare (PostgreSQL's text holds no NUL character), naming where it is.</summary>
    private static void CheckText(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString()!.Contains('\0', StringComparison.Ordinal):
                throw ApiException.Invalid($"{path} contains a NUL character (\\u0000), which no field holds");
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    if (property.Name.Contains('\0', StringComparison.Ordinal))
                    {
                        throw ApiException.Invalid($"{path} has a field name with a NUL character (\\u0000)");
                    }

                    CheckText(property.Value, $"{path}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckText(item, $"{path}[{index++}]");
                }

                break;
        }
    }

    private static Expression<Func<TRow, bool>> Predicate<T>(string name, Expression<Func<TRow, T>> selector, Func<JsonElement, T> parse, Func<string, List<T>>? like, JsonElement value)
    {
        var body = selector.Body;
        Expression result;
        if (value.ValueKind != JsonValueKind.Object)
        {
            result = Expression.Equal(body, QueryParameter.Of(parse(value)));
        }
        else
        {
            result = Expression.Constant(true);
            foreach (var op in value.EnumerateObject())
            {
                result = Expression.AndAlso(result, Operator(name, op.Name, body, parse, like, op.Value));
            }
        }

        return Expression.Lambda<Func<TRow, bool>>(result, selector.Parameters);
    }

    private static Expression Operator<T>(string name, string op, Expression body, Func<JsonElement, T> parse, Func<string, List<T>>? names, JsonElement value)
    {
        Expression Constant() => QueryParameter.Of(parse(value));
        switch (op)
        {
            case "$eq":
                return Expression.Equal(body, Constant());
            case "$neq":
                return Expression.NotEqual(body, Constant());
            case "$gt" when typeof(T) != typeof(string):
                return Expression.GreaterThan(body, Constant());
            case "$gte" when typeof(T) != typeof(string):
                return Expression.GreaterThanOrEqual(body, Constant());
            case "$lt" when typeof(T) != typeof(string):
                return Expression.LessThan(body, Constant());
            case "$lte" when typeof(T) != typeof(string):
                return Expression.LessThanOrEqual(body, Constant());
            case "$in" or "$notIn":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    throw ApiException.Invalid($"filter.{name}.{op} must be an array");
                }

                if (value.GetArrayLength() > MaxListed)
                {
                    throw ApiException.Invalid($"filter.{name}.{op} lists {value.GetArrayLength()} values; at most {MaxListed}");
                }

                var list = value.EnumerateArray().Select(parse).ToList();
                Expression contains = Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], QueryParameter.Of(list), body);
                return op == "$in" ? contains : Expression.Not(contains);
            case "$exists":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw ApiException.Invalid($"filter.{name}.$exists must be true or false");
                }

                var nullable = !typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null;
                if (!nullable)
                {
                    return Expression.Constant(value.GetBoolean());
                }

                var isNull = Expression.Equal(body, Expression.Constant(null, typeof(T)));
                return value.GetBoolean() ? Expression.Not(isNull) : isNull;
            case "$like" when typeof(T) == typeof(string) && value.ValueKind != JsonValueKind.String:
                throw ApiException.Invalid($"filter.{name}.$like must be a string (* any text, ? one character)");
            case "$like" when names is not null:
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(T)], QueryParameter.Of(names(value.GetString()!)), body);
            case "$like" when typeof(T) == typeof(string):
                var pattern = LikePatterns.Of(value.GetString()!);
                var like = typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;
                return Expression.Call(like, Expression.Constant(EF.Functions), body, QueryParameter.Of(pattern), Expression.Constant("\\"));
            default:
                // Texts are not ordered (as in Camunda's API: a string filter has no range operators).
                throw ApiException.Invalid($"filter.{name}: '{op}' is not an operator for this field; use $eq, $neq, $in, $notIn, $exists, " +
                    (typeof(T) == typeof(string) ? "$like" : "$gt, $gte, $lt, $lte"));
        }
    }

    private static long ParseKey(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key) => key,
        JsonValueKind.Number when value.TryGetInt64(out var key) => key,
        _ => throw Invalid(name, value, "a key (a string of digits)"),
    };

    private static DateTimeOffset ParseDate(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date.ToUniversalTime()
            : throw Invalid(name, value, "an ISO 8601 date-time");

    private static ApiException Invalid(string name, JsonElement value, string expected) =>
        ApiException.Invalid($"filter.{name}: {value.GetRawText()} is not {expected}");
}
