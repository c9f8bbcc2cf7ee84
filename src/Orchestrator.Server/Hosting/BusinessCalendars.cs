using Orchestrator.Engine.Calendars;

namespace Orchestrator.Server.Hosting;

/// <summary>The named business calendars of configuration (<c>Calendars:{name}:TimeZone|Hours:{Weekday}|Holidays</c>), built once at start-up.</summary>
public sealed class BusinessCalendars
{
    private readonly Dictionary<string, BusinessCalendar> _calendars;

    /// <summary>Builds every calendar; a mistake stops the start-up with the calendar, day and text named.</summary>
    public BusinessCalendars(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var section in configuration.GetSection("Calendars").GetChildren())
        {
            var spec = new BusinessCalendarSpec();
            section.Bind(spec);
            try
            {
                _calendars[section.Key] = spec.Build(section.Key);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"configuration Calendars:{section.Key}: {e.Message}", e);
            }
        }
    }

    /// <summary>All calendars by name.</summary>
    public IReadOnlyDictionary<string, BusinessCalendar> All => _calendars;

    /// <summary>A calendar by name, if configured.</summary>
    public BusinessCalendar? Find(string name) => _calendars.GetValueOrDefault(name);
}
