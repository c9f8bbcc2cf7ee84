using System.Xml;
using Microsoft.EntityFrameworkCore;
using Orchestrator.Engine.Model;
using Orchestrator.Engine.Ports;
using Orchestrator.Feel;
using Orchestrator.Persistence;

namespace Orchestrator.Server.Hosting;

/// <summary>
/// What the latest version of every deployed process declares on its elements (webhook paths, broker queues), by name.
/// Rebuilt when a deployment added a definition (the highest definition key in the database changed): which version of
/// each process is the latest comes from the database, so every node sees the same set, and the models come parsed from
/// the engine's definitions by key (each version parsed once, when deployed or loaded), never from the stored XML again.
/// </summary>
/// <typeparam name="T">What one element declares.</typeparam>
public abstract partial class ModelDeclarations<T>(OrchestratorDatabase database, IDefinitionStore definitions, FeelEngine feel, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, T> _declared = new Dictionary<string, T>();
    private Dictionary<long, List<T>> _byDefinition = [];
    private long _builtFrom = -1;

    /// <inheritdoc />
    public void Dispose()
    {
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Everything declared, by name; when two processes declare one name, the first deployed wins.</summary>
    public async Task<IReadOnlyDictionary<string, T>> DeclaredAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var latest = await context.ProcessDefinitions.MaxAsync(d => (long?)d.Key, cancellationToken).ConfigureAwait(false) ?? 0;
        if (latest == Volatile.Read(ref _builtFrom))
        {
            return _declared;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (latest != _builtFrom)
            {
                var keys = await context.ProcessDefinitions.AsNoTracking()
                    .Where(d => d.Version == context.ProcessDefinitions.Where(o => o.BpmnProcessId == d.BpmnProcessId).Max(o => o.Version))
                    .OrderBy(d => d.Key)
                    .Select(d => d.Key)
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var byDefinition = new Dictionary<long, List<T>>();
                var declared = new Dictionary<string, T>(StringComparer.Ordinal);
                foreach (var key in keys)
                {
                    if (!_byDefinition.TryGetValue(key, out var items))
                    {
                        if (definitions.GetByKey(key) is not { } definition)
                        {
                            LogUnknown(key);
                            continue;
                        }

                        items = Declared(definition.Model).ToList();
                    }

                    byDefinition[key] = items;
                    foreach (var item in items)
                    {
                        if (!declared.TryAdd(NameOf(item), item))
                        {
                            LogDuplicate($"{Kind} {NameOf(item)}", Describe(declared[NameOf(item)]), Describe(item));
                        }
                    }
                }

                _byDefinition = byDefinition;
                _declared = declared;
                Volatile.Write(ref _builtFrom, latest);
            }

            return _declared;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>What one model declares (invalid declarations are logged and left out).</summary>
    protected abstract IEnumerable<T> Declared(ProcessModel model);

    /// <summary>What a name names, for logs (<c>webhook path</c>, <c>queue</c>).</summary>
    protected abstract string Kind { get; }

    /// <summary>The name an item is found by (a path, a queue).</summary>
    protected abstract string NameOf(T item);

    /// <summary>Who declares it, for logs.</summary>
    protected abstract string Describe(T item);

    /// <summary>A FEEL expression from a property (a leading <c>=</c> allowed); null and no problem when the property is absent.</summary>
    protected bool TryExpression(string? text, out FeelExpression? expression, out string? problem)
    {
        expression = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (feel.TryParse(text.StartsWith('=') ? text[1..] : text, out expression, out var error))
        {
            return true;
        }

        problem = $"'{text}' is not FEEL: {error}";
        return false;
    }

    /// <summary>An ISO 8601 duration from a property; one hour when the property is absent.</summary>
    protected static bool TryDuration(string name, string? text, out TimeSpan duration, out string? problem)
    {
        duration = TimeSpan.FromHours(1);
        problem = null;
        if (text is null)
        {
            return true;
        }

        try
        {
            duration = XmlConvert.ToTimeSpan(text);
            return true;
        }
        catch (FormatException)
        {
            problem = $"{name} '{text}' is not an ISO 8601 duration";
            return false;
        }
    }

    /// <summary>The message name of a message event, its FEEL evaluated without variables when it is an expression.</summary>
    protected static string MessageName(FlowNode node) => node.Event.MessageName is not { } name ? ""
        : name.IsExpression ? name.Evaluate(Feel.Values.FeelContext.Empty).Value is Feel.Values.FeelString s ? s.Value : name.Text : name.Literal;

    /// <summary>Logs a declaration that is left out.</summary>
    protected void LogInvalid(string name, string process, string element, string problem) => LogInvalidDeclaration($"{Kind} {name}", process, element, problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} of {Process}/{Element} is ignored: {Problem}")]
    private partial void LogInvalidDeclaration(string name, string process, string element, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "process definition {Key} is in the database but not loaded by this node; what it declares is not served")]
    private partial void LogUnknown(long key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Name} is declared by {First} and {Second}; the first wins")]
    private partial void LogDuplicate(string name, string first, string second);
}
