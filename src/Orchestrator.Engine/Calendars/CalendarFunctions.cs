using Orchestrator.Feel.Evaluation;
using Orchestrator.Feel.Functions;
using Orchestrator.Feel.Values;

namespace Orchestrator.Engine.Calendars;

/// <summary>
/// FEEL functions over business calendars, usable in timers, due dates and conditions:
/// <c>add working time(from, duration)</c> / <c>add working time(from, duration, calendar)</c> gives the
/// date and time that many working hours later; <c>working time between(from, to)</c> /
/// <c>working time between(from, to, calendar)</c> gives the working time between two date-times as a
/// days-and-time duration. Without a calendar name the calendar <c>default</c> is used. A date-time
/// without an offset is read in the calendar's zone.
/// </summary>
public static class CalendarFunctions
{
    /// <summary>The calendar used when a call names none.</summary>
    public const string DefaultCalendar = "default";

    /// <summary>Adds the functions to <paramref name="registry"/>, reading calendars from <paramref name="calendars"/> at each call.</summary>
    public static void Register(FeelFunctionRegistry registry, Func<string, BusinessCalendar?> calendars)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(calendars);
        registry.Register("add working time", ["from", "duration"], (a, c) => Add(calendars, a[0], a[1], DefaultCalendar, c));
        registry.Register("add working time", ["from", "duration", "calendar"], (a, c) =>
            a[2] is FeelString name ? Add(calendars, a[0], a[1], name.Value, c) : Fail(c, "add working time: calendar must be a string"));
        registry.Register("working time between", ["from", "to"], (a, c) => Between(calendars, a[0], a[1], DefaultCalendar, c));
        registry.Register("working time between", ["from", "to", "calendar"], (a, c) =>
            a[2] is FeelString name ? Between(calendars, a[0], a[1], name.Value, c) : Fail(c, "working time between: calendar must be a string"));
    }

    private static FeelValue Add(Func<string, BusinessCalendar?> calendars, FeelValue from, FeelValue duration, string name, FeelEvaluationContext context)
    {
        if (calendars(name) is not { } calendar)
        {
            return Fail(context, $"add working time: no business calendar '{name}'");
        }

        if (from is not FeelDateTime start || duration is not FeelDaysTimeDuration { Value: var span } || span < TimeSpan.Zero)
        {
            return Fail(context, $"add working time: expected (date and time, positive days and time duration), got ({from.TypeName}, {duration.TypeName})");
        }

        try
        {
            var end = calendar.Add(Instant(start, calendar), span);
            return new FeelDateTime(end.DateTime, end.Offset);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentOutOfRangeException)
        {
            return Fail(context, "add working time: " + e.Message);
        }
    }

    private static FeelValue Between(Func<string, BusinessCalendar?> calendars, FeelValue from, FeelValue to, string name, FeelEvaluationContext context)
    {
        if (calendars(name) is not { } calendar)
        {
            return Fail(context, $"working time between: no business calendar '{name}'");
        }

        return from is FeelDateTime a && to is FeelDateTime b
            ? new FeelDaysTimeDuration(calendar.Between(Instant(a, calendar), Instant(b, calendar)))
            : Fail(context, $"working time between: expected (date and time, date and time), got ({from.TypeName}, {to.TypeName})");
    }

    private static DateTimeOffset Instant(FeelDateTime value, BusinessCalendar calendar) =>
        value.Instant ?? new DateTimeOffset(value.Local, calendar.Zone.GetUtcOffset(value.Local));

    private static FeelNull Fail(FeelEvaluationContext context, string message)
    {
        context.Warn(FeelWarningKind.FunctionInvocationFailure, message);
        return FeelNull.Instance;
    }
}
