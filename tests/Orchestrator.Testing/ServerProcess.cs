using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orchestrator.Testing;

/// <summary>
/// The real server as its own operating-system process on a free loopback port: for clients that are
/// not .NET (the Camunda SDK) and for crash tests that kill it without warning.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Its base address.</summary>
    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>What it printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server with <paramref name="settings"/> (as <c>--Key=value</c> arguments) and waits until <c>/health</c> answers.</summary>
    public static Task<ServerProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> settings) =>
        StartAsync(database, _ => settings);

    /// <summary>Starts the server with settings that may name its own address (simulators calling back, connectors calling out) and waits until <c>/health</c> answers.</summary>
    public static async Task<ServerProcess> StartAsync(TestDatabase database, Func<Uri, IReadOnlyDictionary<string, string?>> settings)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = database.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Orchestrator.Server.dll"));
        info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        // The server's own folder holds its settings and the built web UI (wwwroot).
        info.ArgumentList.Add($"--contentRoot={Repository.Server}");
        foreach (var (key, value) in database.Settings().Concat(settings(new Uri($"http://127.0.0.1:{port}"))))
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        return await LaunchAsync(info, port);
    }

    /// <summary>
    /// Starts a published build's own executable from <paramref name="appFolder"/> in <paramref name="workingDirectory"/>, in
    /// Production, listening where <c>ASPNETCORE_URLS</c> says (as a container or a service manager runs it), with
    /// <paramref name="settings"/> as environment variables (<c>Section__Key</c>); waits until <c>/health</c> answers.
    /// </summary>
    public static async Task<ServerProcess> StartPublishedAsync(string appFolder, string workingDirectory, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var info = new ProcessStartInfo(Path.Combine(appFolder, "Orchestrator.Server"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // None of the test host's hosting settings leak in (DOTNET_ROOT stays: the executable finds the runtime with it).
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k is "DOTNET_ENVIRONMENT" or "DOTNET_CONTENTROOT").ToList())
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return await LaunchAsync(info, port);
    }

    private static async Task<ServerProcess> LaunchAsync(ProcessStartInfo info, int port)
    {
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        var server = new ServerProcess(process, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                // Waiting without a timeout also waits until both redirected streams are read to their end.
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{server.Output}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new TimeoutException($"the server did not become healthy within 60 s:\n{server.Output}");
    }

    /// <summary>Kills it at once, as a crash would (no shutdown, no flushing).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
