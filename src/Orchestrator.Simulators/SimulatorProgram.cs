namespace Orchestrator.Simulators;

/// <summary>The simulators on their own: <c>dotnet run --project src/Orchestrator.Simulators --urls http://127.0.0.1:5099</c>.</summary>
public static class SimulatorProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSimulators(builder.Configuration);
        var app = builder.Build();
        app.MapSimulators("");
        app.Run();
    }
}
