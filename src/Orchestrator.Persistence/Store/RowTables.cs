using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Orchestrator.Persistence.Store;

/// <summary>
/// The tables of the row classes as the EF Core model maps them (table and column names, keys, value converters), with the SQL
/// and the compiled accessors that <see cref="RowWriter"/> writes rows with and <see cref="StateRows"/> reads them with, built
/// on first use per model and row class (immutable: two threads that build one at once build the same).
/// </summary>
internal sealed partial class RowTables
{
    private static readonly ConditionalWeakTable<IModel, RowTables> Models = [];
    private readonly ConcurrentDictionary<Type, Table> _tables = new();
    private readonly IModel _model;

    private RowTables(IModel model) => _model = model;

    /// <summary>The tables of <paramref name="model"/> (one per model: the providers map some types differently).</summary>
    public static RowTables Of(IModel model) => Models.GetValue(model, m => new RowTables(m));

    public Table Of(Type type) => _tables.GetOrAdd(type, Map);

    public static string Parameter(int index) => "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Table Map(Type type)
    {
        var entity = _model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var keyNames = entity.FindPrimaryKey()!.Properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var columns = entity.GetProperties()
            .Where(p => p.GetColumnName(store) is not null)
            .Select(p => new Column(p.Name, Quote(p.GetColumnName(store)!), p.GetColumnType(store), p.PropertyInfo!, p.GetValueConverter() ?? p.GetTypeMapping().Converter))
            .ToArray();
        var keys = columns.Where(c => keyNames.Contains(c.Property)).ToArray();
        var nonKeys = columns.Where(c => !keyNames.Contains(c.Property)).ToArray();
        var quoted = Quote(entity.GetTableName()!);
        var whereKeys = string.Join(" AND ", keys.Select((c, i) => $"{c.Quoted} = {Parameter(nonKeys.Length + i)}"));
        var set = string.Join(", ", nonKeys.Select((c, i) => $"{c.Quoted} = {Parameter(i)}"));
        var revision = nonKeys.FirstOrDefault(c => c.Property == "Revision");
        return new Table(
            type,
            quoted,
            columns,
            keys,
            nonKeys,
            $"INSERT INTO {quoted} ({string.Join(", ", columns.Select(c => c.Quoted))}) VALUES ({string.Join(", ", columns.Select((_, i) => Parameter(i)))})",
            $"UPDATE {quoted} SET {set} WHERE {whereKeys}",
            revision is null ? "" : $"UPDATE {quoted} SET {set} WHERE {whereKeys} AND {revision.Quoted} = {Parameter(nonKeys.Length + keys.Length)}",
            $"DELETE FROM {quoted} WHERE {string.Join(" AND ", keys.Select((c, i) => $"{c.Quoted} = {Parameter(i)}"))}");
    }

    /// <summary>
    /// Parameters for a statement that takes many rows at once from arrays: for <paramref name="rows"/>, each holding the values of
    /// <paramref name="columns"/> in order (as <see cref="Column.Read"/> gave them), one array per column.
    /// </summary>
    public static object[] Arrays(Column[] columns, IReadOnlyList<object?[]> rows)
    {
        var arrays = new object[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            var array = Array.CreateInstance(columns[i].ElementType, rows.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                array.SetValue(rows[r][i], r);
            }

            arrays[i] = array;
        }

        return arrays;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public sealed record Table(Type Type, string Quoted, Column[] Columns, Column[] Keys, Column[] NonKeys, string Insert, string Update, string UpdateChecked, string Delete)
    {
        /// <summary>The types of <see cref="Insert"/>'s parameters, in order (<see cref="Column.TypeName"/>).</summary>
        public string[] InsertTypes { get; } = [.. Columns.Select(c => c.TypeName)];

        /// <summary>The types of <see cref="Update"/>'s parameters, in order.</summary>
        public string[] UpdateTypes { get; } = [.. NonKeys.Select(c => c.TypeName), .. Keys.Select(c => c.TypeName)];

        /// <summary>The column an update checked against the revision it read compares (instances and buffered messages); null for other tables.</summary>
        public Column? Revision { get; } = NonKeys.FirstOrDefault(c => c.Property == "Revision");

        /// <summary>The types of <see cref="UpdateChecked"/>'s parameters, in order (none for a table without a revision).</summary>
        public string[] UpdateCheckedTypes { get; } = UpdateChecked.Length == 0 ? [] :
            [.. NonKeys.Select(c => c.TypeName), .. Keys.Select(c => c.TypeName), NonKeys.First(c => c.Property == "Revision").TypeName];

        /// <summary>The types of <see cref="Delete"/>'s parameters (the keys), in order.</summary>
        public string[] DeleteTypes { get; } = [.. Keys.Select(c => c.TypeName)];

        /// <summary>
        /// PostgreSQL: the statement that inserts many rows at once, each parameter an array of one column's values
        /// (<see cref="InsertArrays"/>), in the order of <see cref="Columns"/>.
        /// </summary>
        public string InsertMany { get; } =
            $"INSERT INTO {Quoted} ({string.Join(", ", Columns.Select(c => c.Quoted))}) SELECT * FROM unnest({string.Join(", ", Columns.Select((_, i) => Parameter(i)))})";

        /// <summary>The types of <see cref="InsertMany"/>'s parameters, in order.</summary>
        public string[] InsertManyTypes { get; } = [.. Columns.Select(c => c.TypeName + "[]")];

        /// <summary><see cref="InsertMany"/>'s parameters for <paramref name="rows"/> (each as <see cref="Column.Read"/> gave it): one array per column.</summary>
        public object[] InsertArrays(IReadOnlyList<object?[]> rows) => Arrays(Columns, rows);

        /// <summary>The quoted column of a property.</summary>
        public string this[string property] => Columns.First(c => c.Property == property).Quoted;

        /// <summary>Every column, each qualified with <paramref name="alias"/>, in the order <see cref="Materialize"/> reads them.</summary>
        public string Select(string alias) => string.Join(", ", Columns.Select(c => alias + "." + c.Quoted));

        /// <summary>A row from the reader's current record, whose first columns are those <see cref="Select"/> lists, in its order.</summary>
        public object Materialize(DbDataReader reader)
        {
            var row = Activator.CreateInstance(Type)!;
            for (var i = 0; i < Columns.Length; i++)
            {
                Columns[i].Load(row, reader, i);
            }

            return row;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\(\s*\d+(\s*,\s*\d+)?\s*\)")]
    private static partial System.Text.RegularExpressions.Regex Facets();

    public sealed record Column(string Property, string Quoted, string StoreType, System.Reflection.PropertyInfo Info, ValueConverter? Converter)
    {
        // Compiled accessors: reflection's GetValue and SetValue cost several times more, and every column of every row is read.
        private readonly Func<object, object?> _get = Getter(Info);
        private readonly Action<object, object?> _set = Setter(Info);
        private readonly Func<DbDataReader, int, object?> _fetch = Fetcher(Converter?.ProviderClrType ?? Nullable.GetUnderlyingType(Info.PropertyType) ?? Info.PropertyType);

        /// <summary>
        /// The column's type without its length or precision (<c>character varying</c> for <c>character varying(200)</c>,
        /// <c>timestamp with time zone</c> for <c>timestamp(3) with time zone</c>).
        /// </summary>
        public string TypeName { get; } = Facets().Replace(StoreType, "");

        /// <summary>The type of an array of the column's values as the provider takes them (a nullable one for a value type).</summary>
        public Type ElementType { get; } = NullableOf(Converter?.ProviderClrType ?? Info.PropertyType);

        public object? Read(object row)
        {
            var value = _get(row);

            // Instants are stored in UTC: PostgreSQL's timestamptz takes no other offset, and SQLite compares them as text.
            if (value is DateTimeOffset instant)
            {
                value = instant.ToUniversalTime();
            }

            return value is null || Converter is null ? value : Converter.ConvertToProvider(value);
        }

        /// <summary>Sets the property of <paramref name="row"/> from column <paramref name="ordinal"/> of the reader's record.</summary>
        public void Load(object row, DbDataReader reader, int ordinal)
        {
            var value = _fetch(reader, ordinal);
            _set(row, value is null || Converter is null ? value : Converter.ConvertFromProvider(value));
        }

        private static Type NullableOf(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            return underlying.IsValueType ? typeof(Nullable<>).MakeGenericType(underlying) : underlying;
        }

        private static Func<object, object?> Getter(System.Reflection.PropertyInfo info)
        {
            var row = Expression.Parameter(typeof(object), "row");
            var read = Expression.Property(Expression.Convert(row, info.DeclaringType!), info);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), row).Compile();
        }

        private static Action<object, object?> Setter(System.Reflection.PropertyInfo info)
        {
            var row = Expression.Parameter(typeof(object), "row");
            var value = Expression.Parameter(typeof(object), "value");
            var write = Expression.Assign(Expression.Property(Expression.Convert(row, info.DeclaringType!), info), Expression.Convert(value, info.PropertyType));
            return Expression.Lambda<Action<object, object?>>(write, row, value).Compile();
        }

        private static Func<DbDataReader, int, object?> Fetcher(Type type) =>
            typeof(Column).GetMethod(nameof(Fetch), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                .MakeGenericMethod(type).CreateDelegate<Func<DbDataReader, int, object?>>();

        private static object? Fetch<T>(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
    }
}
