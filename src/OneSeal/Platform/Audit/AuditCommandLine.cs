using System.Globalization;

namespace OneSeal.Platform.Audit;

/// <summary>
/// <c>oneseal --verify-audit</c> for operators: verifies the whole trail, records the run, prints a Chinese and English
/// summary, and exits 0 when intact, 1 when something is broken, 2 when it could not verify (no database, no schema).
/// </summary>
public static class AuditCommandLine
{
    public const int Intact = 0;
    public const int Broken = 1;
    public const int Failed = 2;

    public static async Task<int> RunAsync(AuditCheck check, TextWriter output)
    {
        AuditVerificationRun run;
        try
        {
            run = await check.RunAsync(AuditVerificationRun.FromCommandLine, null, CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            await output.WriteLineAsync($"审计记录核验未能完成 / Audit trail verification could not run: {e.Message}");
            return Failed;
        }
        var at = Time.LegalDates.ToLocal(run.At).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        await output.WriteLineAsync(run.Intact
            ? "审计记录核验：完整，未发现篡改 / Audit trail verification: intact"
            : "审计记录核验：发现异常 / Audit trail verification: BROKEN");
        await output.WriteLineAsync($"核验时间 / at: {at} (Asia/Shanghai), {run.ElapsedMs} ms");
        await output.WriteLineAsync($"核验记录 {run.Entries} 条，锚点 {run.Anchors} 个 / {run.Entries} entries, {run.Anchors} anchors checked");
        if (!run.Intact)
        {
            await output.WriteLineAsync($"首个异常记录 / first broken entry: {run.FirstBrokenId?.ToString(CultureInfo.InvariantCulture) ?? "—"}");
            await output.WriteLineAsync($"说明：{run.ProblemZh}");
            await output.WriteLineAsync($"Detail: {run.Problem}");
        }
        return run.Intact ? Intact : Broken;
    }
}
