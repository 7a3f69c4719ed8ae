using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;

namespace OneSeal.LoadBench;

/// <summary>
/// Accept over HTTP: the same host, now serving requests (Kestrel on loopback, the app's whole pipeline: security headers,
/// localisation, routing, rate limiter, bearer authentication with its per-request session check, the endpoint, JSON),
/// driven by wrk (<c>Wrk/accept.lua</c>) with the clerk's access token, a JSON body and an Idempotency-Key on every
/// request, each on a different prepared submitted case. Reports requests per second and wrk's latency percentiles.
/// </summary>
public static partial class HttpAcceptBench
{
    public static async Task<int> RunAsync(BenchHost host, IReadOnlyList<Guid> ids, int connections, TimeSpan duration)
    {
        var baseUrl = await StartServerAsync(host);
        string token;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            var clerk = await db.Set<Account>().Include(a => a.Roles).SingleAsync(a => a.Username == "clerk");
            token = (await scope.ServiceProvider.GetRequiredService<AccessTokens>().IssueAsync(clerk, CancellationToken.None)).AccessToken;
        }
        var dir = Directory.CreateTempSubdirectory("oneseal-bench-wrk-");
        try
        {
            // Warm-up on the first few cases (JIT of the HTTP pipeline), then the measured run on the others.
            var warmCount = ids.Count / 4;
            var warm = await RunWrkAsync(dir.FullName, "warm", baseUrl, token, ids.Take(warmCount), connections, TimeSpan.FromSeconds(Math.Min(3, duration.TotalSeconds)));
            if (warm.Failed is { } warmFailure) { Out.Line($"HTTP accept warm-up failed: {warmFailure}"); return 1; }

            var commandsBefore = host.Commands.Count;
            host.Commands.ResetStats();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var measured = ids.Skip(warmCount).ToList();
            var run = await RunWrkAsync(dir.FullName, "run", baseUrl, token, measured, connections, duration);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var commands = host.Commands.Count - commandsBefore;
            Out.Line($"accept over HTTP (wrk, {connections} connections, {duration.TotalSeconds:0} s): {run.Requests:N0} requests = {run.PerSecond:0.0} per second; " +
                $"latency p50 {run.P50Ms:0.0} ms, p99 {run.P99Ms:0.0} ms; non-2xx: {run.Non2xx}" +
                (run.Requests >= measured.Count ? " (ran out of prepared cases before the time was up, so the rate is understated: prepare more)" : ""));
            Out.Line($"    database commands: {(double)commands / Math.Max(1, run.Requests):0.0} per request (+ COMMIT); " +
                $"app CPU: {cpu.TotalMilliseconds / Math.Max(1, run.Requests):0.00} ms per request (the server; wrk is a separate process)");
            Out.Line("    time by statement (summed over connections):");
            foreach (var (shape, count, total) in host.Commands.Stats().Take(10))
                Out.Line($"      {total.TotalMilliseconds / Math.Max(1, count),7:0.00} ms avg  ×{count,-7:N0} {shape}");
            if (run.Failed is { } failure) { Out.Line($"HTTP accept failed: {failure}"); return 1; }
            Out.Line($"RESULT http_accept_per_second={run.PerSecond.ToString("0.0", CultureInfo.InvariantCulture)}");
            Out.Line($"RESULT http_accept_p99_ms={run.P99Ms.ToString("0.0", CultureInfo.InvariantCulture)}");
            return 0;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task<string> StartServerAsync(BenchHost host)
    {
        host.App.UseOneSeal();
        await host.App.StartAsync();
        var addresses = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        return addresses.First();
    }

    private sealed record WrkResult(long Requests, double PerSecond, double P50Ms, double P99Ms, long Non2xx, string? Failed);

    private static async Task<WrkResult> RunWrkAsync(string dir, string name, string baseUrl, string token, IEnumerable<Guid> ids, int connections, TimeSpan duration)
    {
        var idsFile = Path.Combine(dir, $"{name}.ids");
        await File.WriteAllLinesAsync(idsFile, ids.Select(i => i.ToString()));
        var threads = Math.Min(2, connections);
        var script = Path.Combine(AppContext.BaseDirectory, "Wrk", "accept.lua");
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { $"-t{threads}", $"-c{connections}", $"-d{Math.Max(1, (int)duration.TotalSeconds)}s", "--latency", "--timeout", "10s", "-s", script, baseUrl, "--", threads.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        start.Environment["ONESEAL_WRK_IDS"] = idsFile;
        start.Environment["ONESEAL_WRK_TOKEN"] = token;
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("could not start wrk");
        var stdout = wrk.StandardOutput.ReadToEndAsync();
        var stderr = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var text = await stdout;
        if (wrk.ExitCode != 0) return new WrkResult(0, 0, 0, 0, 0, $"wrk exited with {wrk.ExitCode}: {await stderr}{text}");
        var requests = long.Parse(RequestsLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var perSecond = double.Parse(RateLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = NonOk().Match(text) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var failed = non2xx > 0 ? $"{non2xx} responses were not 2xx (wrk output follows)\n{text}" : requests == 0 ? $"no requests completed\n{text}" : null;
        return new WrkResult(requests, perSecond, Percentile(text, "50"), Percentile(text, "99"), non2xx, failed);
    }

    /// <summary>A line of wrk's latency distribution, e.g. <c>99%   12.34ms</c>, in milliseconds.</summary>
    private static double Percentile(string wrkOutput, string p)
    {
        var m = Regex.Match(wrkOutput, $@"^\s+{p}%\s+([0-9.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline);
        if (!m.Success) return double.NaN;
        var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => v / 1000, "ms" => v, "s" => v * 1000, _ => v * 60_000 };
    }

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^Requests/sec:\s+([0-9.]+)", RegexOptions.Multiline)]
    private static partial Regex RateLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonOk();
}
