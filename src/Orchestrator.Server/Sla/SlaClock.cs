using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Orchestrator.Engine.Calendars;
using Orchestrator.Server.Hosting;

namespace Orchestrator.Server.Sla;

/// <summary>
/// How an SLA's clock runs: in the working hours of the business calendar the due date was counted in (a due date
/// written <c>add working time(now(), duration("PT4H"), "support")</c> runs on <c>support</c>, one without a calendar
/// argument on <c>default</c>), otherwise in wall-clock time. The warning comes once the configured share of that
/// time is used.
/// </summary>
public sealed partial class SlaClock(BusinessCalendars calendars, EngineHost host, IOptions<SlaOptions> options)
{
    /// <summary>The calendar a due-date expression counts in, or null for wall-clock time.</summary>
    public static string? CalendarOf(string? dueDateExpression)
    {
        if (dueDateExpression is null || AddWorkingTime().Match(dueDateExpression) is not { Success: true } call)
        {
            return null;
        }

        return call.Groups["calendar"].Success ? call.Groups["calendar"].Value : CalendarFunctions.DefaultCalendar;
    }

    /// <summary>The calendar of a user task's due date in its deployed model, or null for wall-clock time (or an unknown calendar).</summary>
    public BusinessCalendar? CalendarOfTask(long processDefinitionKey, string elementId)
    {
        var expression = host.Engine.Store.Definitions.GetByKey(processDefinitionKey)?.Model.Elements.GetValueOrDefault(elementId)?.UserTask?.DueDate?.Text;
        return CalendarOf(expression) is { } name ? calendars.Find(name) : null;
    }

    /// <summary>
    /// When the warning is due: the configured share of the (working) time from start to due. For a subject that started at or
    /// after its due date that moment is not before the due date (wall-clock time, whatever the calendar), so it gets no warning,
    /// only the breach.
    /// </summary>
    public DateTimeOffset WarnAt(DateTimeOffset start, DateTimeOffset due, BusinessCalendar? calendar) => calendar is null || due <= start
        ? start + ((due - start) * options.Value.WarningShare)
        : calendar.Add(start, calendar.Between(start, due) * options.Value.WarningShare);

    /// <summary>Where an open SLA stands at <paramref name="now"/>: its state, the (working) time left before the due date and how long ago it was breached.</summary>
    public SlaStanding Standing(DateTimeOffset start, DateTimeOffset due, DateTimeOffset now, BusinessCalendar? calendar)
    {
        if (now >= due)
        {
            return new SlaStanding("BREACHED", TimeSpan.Zero, now - due, calendar?.Name);
        }

        var left = calendar?.Between(now, due) ?? due - now;
        return new SlaStanding(now >= WarnAt(start, due, calendar) ? "WARNING" : "OK", left, TimeSpan.Zero, calendar?.Name);
    }

    [GeneratedRegex("""add\s+working\s+time\s*\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?(?:,\s*"(?<calendar>[^"]+)"\s*)?\)""")]
    private static partial Regex AddWorkingTime();
}

/// <summary>An open SLA at a moment: OK, WARNING or BREACHED; the time left counted in the calendar's working hours when there is one.</summary>
public sealed record SlaStanding(string State, TimeSpan Left, TimeSpan Late, string? Calendar);
