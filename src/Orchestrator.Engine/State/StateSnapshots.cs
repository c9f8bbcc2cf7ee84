using System.Text.Json;
using Orchestrator.Engine.Execution.Timers;
using Orchestrator.Engine.Model;
using Orchestrator.Feel.Json;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.State;

/// <summary>
/// Turns the live state that durable stores keep into text and back: an instance's active element
/// instances as one JSON document, a timer's schedule as a short string. The element instances'
/// variables are not in the document: a durable store keeps each variable once, in its own row, and
/// hands them back to <see cref="ReadElements"/>. Variables are JSON, so temporal values come back as
/// their ISO 8601 strings (as they do in Zeebe, whose variables are JSON too).
/// </summary>
public static class StateSnapshots
{
    /// <summary>The active element instances of <paramref name="instance"/> (and its root scope, kept after the end for its variables), scopes before their children.</summary>
    public static string WriteElements(ProcessInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var elements = instance.Elements.Values.ToList();
        if (instance.Root is { } root && !instance.Elements.ContainsKey(root.Key))
        {
            elements.Add(root);
        }

        elements.Sort((a, b) => Depth(a).CompareTo(Depth(b)) is var byDepth and not 0 ? byDepth : a.Key.CompareTo(b.Key));
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                WriteElement(writer, element, instance.Elements.ContainsKey(element.Key), element == instance.Root ? instance.Compensable : []);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>
    /// Restores what <see cref="WriteElements"/> wrote into a new <paramref name="instance"/> of the same definition, with
    /// <paramref name="variables"/> (by scope key) as the element instances' variables.
    /// </summary>
    /// <exception cref="InvalidDataException">The text is not a snapshot of this definition.</exception>
    public static void ReadElements(ProcessInstance instance, string json, IReadOnlyDictionary<long, Dictionary<string, FeelValue>> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(instance);
        using var document = JsonDocument.Parse(json, FeelJson.ReaderOptions);
        var byKey = new Dictionary<long, ElementInstance>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var model = instance.Definition.Model;
            ElementInstance? scope = item.TryGetProperty("s", out var s) ? byKey.GetValueOrDefault(s.GetInt64()) : null;
            var key = item.GetProperty("k").GetInt64();
            var element = new ElementInstance
            {
                Key = key,
                Node = Node(model, item.GetProperty("n").GetString()!),
                Scope = scope,
                Variables = variables.GetValueOrDefault(key),
                ActiveChildren = Int(item, "c"),
                PendingStep = (PendingStep)Int(item, "p"),
                IncidentKey = Long(item, "i"),
                JobKey = Long(item, "j"),
                UserTaskKey = Long(item, "u"),
                CalledInstanceKey = Long(item, "ci"),
                Subscriptions = item.TryGetProperty("sub", out var subs) ? subs.EnumerateArray().Select(x => x.GetInt64()).ToList() : null,
                LoopItems = item.TryGetProperty("li", out var li) ? FeelJson.FromJson(li) as FeelList : null,
                LoopStarted = Int(item, "ls"),
                LoopCompleted = Int(item, "lc"),
                LoopCounter = Int(item, "lct"),
                IsMultiInstanceBody = item.TryGetProperty("mi", out var mi) && mi.GetBoolean(),
                Joins = item.TryGetProperty("jn", out var jn)
                    ? jn.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(x => x.GetInt32()).ToArray(), StringComparer.Ordinal)
                    : null,
                Terminating = item.TryGetProperty("tm", out var tm) && tm.GetBoolean(),
                AfterTermination = item.TryGetProperty("at", out var at) ? ReadThen(model, at) : null,
                InterruptVariables = Variables(item, "iv"),
                TriggeredBy = item.TryGetProperty("tb", out var tb) ? Node(model, tb.GetString()!) : null,
                CompensationThrowKey = Long(item, "ct"),
                CompletionConditionMet = item.TryGetProperty("ccm", out var ccm) && ccm.GetBoolean(),
                ListenerIndex = Int(item, "lx"),
                PendingStart = item.TryGetProperty("ps", out var ps) ? Node(model, ps.GetString()!) : null,
                TaskTransition = item.TryGetProperty("utt", out var utt) ? ReadTransition(utt) : null,
            };
            byKey[element.Key] = element;
            if (element.Scope is null)
            {
                instance.Root = element;
                if (item.TryGetProperty("cmp", out var compensable))
                {
                    foreach (var completed in compensable.EnumerateArray())
                    {
                        instance.AddCompensable(new Compensable(
                            completed[0].GetInt64(), Node(model, completed[1].GetString()!), completed[2].GetInt64(), completed.GetArrayLength() > 3));
                    }
                }
            }

            if (!item.TryGetProperty("ended", out _))
            {
                instance.Add(element);
            }
        }
    }

    /// <summary>
    /// The variables a snapshot written by an older version holds (by scope key): snapshots once carried every element
    /// instance's variables, some of which (a multi-instance's <c>loopCounter</c> and item) were kept nowhere else.
    /// </summary>
    public static IReadOnlyDictionary<long, Dictionary<string, FeelValue>> LegacyVariables(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var found = new Dictionary<long, Dictionary<string, FeelValue>>();
        if (!json.Contains("\"v\":", StringComparison.Ordinal))
        {
            return found;
        }

        using var document = JsonDocument.Parse(json, FeelJson.ReaderOptions);
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (Variables(item, "v") is { } variables)
            {
                found[item.GetProperty("k").GetInt64()] = variables;
            }
        }

        return found;
    }

    /// <summary>How a timer's next due dates are computed, as text for <see cref="RestoreSchedule"/>; null for subscriptions that are not timers.</summary>
    public static string? WriteSchedule(Subscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.Schedule?.Interval;
    }

    /// <summary>A copy of a restored timer <paramref name="subscription"/> with the schedule that <see cref="WriteSchedule"/> described.</summary>
    /// <exception cref="InvalidDataException">The text is not a schedule.</exception>
    public static Subscription RestoreSchedule(Subscription subscription, string schedule)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(schedule);
        return new Subscription
        {
            Key = subscription.Key,
            Kind = subscription.Kind,
            Definition = subscription.Definition,
            ProcessInstanceKey = subscription.ProcessInstanceKey,
            ElementInstanceKey = subscription.ElementInstanceKey,
            CatchElement = subscription.CatchElement,
            Name = subscription.Name,
            CorrelationKey = subscription.CorrelationKey,
            DueDate = subscription.DueDate,
            RepetitionsLeft = subscription.RepetitionsLeft,
            State = subscription.State,
            Schedule = TimerSchedule.Restore(schedule) ?? throw new InvalidDataException($"'{schedule}' is not a timer schedule"),
        };
    }

    /// <summary>The flow node with an id in a model (the process itself included).</summary>
    /// <exception cref="InvalidDataException">The model has no such element.</exception>
    public static FlowNode Node(ProcessModel model, string id)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Elements.TryGetValue(id, out var node) ? node
            : model.Root.Id == id ? model.Root
            : throw new InvalidDataException($"process '{model.BpmnProcessId}' has no element '{id}'");
    }

    private static int Depth(ElementInstance element)
    {
        var depth = 0;
        for (var scope = element.Scope; scope is not null; scope = scope.Scope)
        {
            depth++;
        }

        return depth;
    }

    private static void WriteElement(Utf8JsonWriter writer, ElementInstance e, bool active, IReadOnlyList<Compensable> compensable)
    {
        writer.WriteStartObject();
        writer.WriteNumber("k", e.Key);
        writer.WriteString("n", e.Node.Id);
        if (e.Scope is not null)
        {
            writer.WriteNumber("s", e.Scope.Key);
        }

        if (!active)
        {
            writer.WriteBoolean("ended", true);
        }

        WriteNumber(writer, "c", e.ActiveChildren);
        WriteNumber(writer, "p", (int)e.PendingStep);
        WriteNumber(writer, "i", e.IncidentKey);
        WriteNumber(writer, "j", e.JobKey);
        WriteNumber(writer, "u", e.UserTaskKey);
        WriteNumber(writer, "ci", e.CalledInstanceKey);
        if (e.Subscriptions is { } subscriptions)
        {
            writer.WriteStartArray("sub");
            subscriptions.ForEach(writer.WriteNumberValue);
            writer.WriteEndArray();
        }

        if (e.LoopItems is { } items)
        {
            writer.WritePropertyName("li");
            FeelJson.Write(writer, items);
        }

        WriteNumber(writer, "ls", e.LoopStarted);
        WriteNumber(writer, "lc", e.LoopCompleted);
        WriteNumber(writer, "lct", e.LoopCounter);
        if (e.IsMultiInstanceBody)
        {
            writer.WriteBoolean("mi", true);
        }

        if (e.Joins is { } joins)
        {
            writer.WriteStartObject("jn");
            foreach (var (gateway, counts) in joins)
            {
                writer.WriteStartArray(gateway);
                Array.ForEach(counts, writer.WriteNumberValue);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        if (e.Terminating)
        {
            writer.WriteBoolean("tm", true);
        }

        if (e.AfterTermination is { } then)
        {
            WriteThen(writer, then);
        }

        WriteVariables(writer, "iv", e.InterruptVariables);
        if (e.TriggeredBy is { } triggeredBy)
        {
            writer.WriteString("tb", triggeredBy.Id);
        }

        WriteNumber(writer, "ct", e.CompensationThrowKey);
        WriteNumber(writer, "lx", e.ListenerIndex);
        if (e.PendingStart is { } pendingStart)
        {
            writer.WriteString("ps", pendingStart.Id);
        }

        if (e.TaskTransition is { } transition)
        {
            WriteTransition(writer, transition);
        }

        if (e.CompletionConditionMet)
        {
            writer.WriteBoolean("ccm", true);
        }

        if (compensable.Count > 0)
        {
            // The instance's compensable activities ride on its root scope: [element instance key, element id, scope key].
            writer.WriteStartArray("cmp");
            foreach (var completed in compensable)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(completed.ElementInstanceKey);
                writer.WriteStringValue(completed.Node.Id);
                writer.WriteNumberValue(completed.ScopeKey);
                if (completed.IsMultiInstanceBody)
                {
                    writer.WriteBooleanValue(true);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteVariables(Utf8JsonWriter writer, string name, Dictionary<string, FeelValue>? variables)
    {
        if (variables is null)
        {
            return;
        }

        writer.WriteStartObject(name);
        foreach (var (key, value) in variables)
        {
            writer.WritePropertyName(key);
            FeelJson.Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } v and not 0)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static Dictionary<string, FeelValue>? Variables(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v)
            ? v.EnumerateObject().ToDictionary(p => p.Name, p => FeelJson.FromJson(p.Value), StringComparer.Ordinal)
            : null;

    private static void WriteTransition(Utf8JsonWriter writer, UserTaskTransition transition)
    {
        writer.WriteStartObject("utt");
        writer.WriteNumber("e", (int)transition.Event);
        writer.WriteString("a", transition.Action);
        WriteVariables(writer, "c", transition.Changes);
        WriteVariables(writer, "v", transition.Variables);
        if (transition.ThenAssign is { } assignee)
        {
            writer.WriteString("ta", assignee);
        }

        writer.WriteEndObject();
    }

    private static void WriteThen(Utf8JsonWriter writer, TerminationThen then)
    {
        writer.WriteStartObject("at");
        writer.WriteNumber("k", (int)then.Kind);
        if (then.Node is { } node)
        {
            writer.WriteString("n", node.Id);
        }

        WriteVariables(writer, "v", then.Variables);
        writer.WriteEndObject();
    }

    private static TerminationThen ReadThen(ProcessModel model, JsonElement item) => new()
    {
        Kind = (TerminationThenKind)Int(item, "k"),
        Node = item.TryGetProperty("n", out var n) ? Node(model, n.GetString()!) : null,
        Variables = Variables(item, "v"),
    };

    private static UserTaskTransition ReadTransition(JsonElement item) => new()
    {
        Event = (ListenerEventType)Int(item, "e"),
        Action = item.GetProperty("a").GetString()!,
        Changes = Variables(item, "c") ?? new Dictionary<string, FeelValue>(StringComparer.Ordinal),
        Variables = Variables(item, "v"),
        ThenAssign = item.TryGetProperty("ta", out var ta) ? ta.GetString() : null,
    };

    private static int Int(JsonElement item, string name) => item.TryGetProperty(name, out var v) ? v.GetInt32() : 0;

    private static long? Long(JsonElement item, string name) => item.TryGetProperty(name, out var v) ? v.GetInt64() : null;
}
