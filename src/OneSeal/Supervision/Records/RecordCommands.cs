using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Events;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;
using OneSeal.Supervision.Pushes;

namespace OneSeal.Supervision.Records;

/// <summary>A record as the department enters it (API JSON or the workbench's form); dates as yyyy-MM-dd.</summary>
public sealed record RecordInput(string? Kind, string? CheckedOn, string? Inspectors, string? Findings, string? Result);

/// <summary>A file of the record as uploaded (the workbench's form).</summary>
public sealed record RecordFile(string Name, Stream Content, long Length);

/// <summary>
/// 监管记录与反馈: on a claimed push the department records what it did and found; recording it reports it back to the
/// bureau (the case page, the certificate's public line). Attachments go to the file store before the row commits and
/// are deleted when it does not.
/// </summary>
public sealed class RecordCommands(OneSealDb db, TimeProvider clock, IFileStore files)
{
    public const int MaxInspectors = 200, MaxFindings = 4000, MaxFiles = 5, MaxFileName = 200;
    public const long MaxFileBytes = 10 * 1024 * 1024;

    public async Task<SupervisionRecord> AddAsync(Actor actor, Guid pushId, RecordInput input, IReadOnlyList<RecordFile> attachments, CancellationToken ct)
    {
        var department = SupervisionScope.DepartmentOf(actor);
        var today = LegalDates.Today(clock);
        var (kind, on, inspectors, findings, result) = Validate(input, today);
        CheckFiles(attachments);
        var saved = new List<StoredFile>();
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var push = await db.Set<SupervisionPush>().FirstOrDefaultAsync(p => p.Id == pushId, ct);
                if (push is null || push.DepartmentId != department) throw SupervisionScope.NotOurs("推送");
                if (push.ClaimedAt is null) throw new ConflictException("not-claimed", "请先认领该推送，再录入监管记录。");
                if (on < LegalDates.ToLegalDate(push.PushedAt))
                    throw new InvalidInputException("checkedOn", "range", "检查日期（checkedOn）不能早于推送日期。");
                var now = clock.Now();
                var record = new SupervisionRecord
                {
                    Id = Guid.NewGuid(), PushId = push.Id, Kind = kind, CheckedOn = on, Inspectors = inspectors, Findings = findings, Result = result,
                    RecordedById = actor.Id, RecordedByName = actor.DisplayName, RecordedAt = now,
                };
                foreach (var file in attachments)
                {
                    var stored = await files.SaveAsync("supervision", file.Content, ct);
                    saved.Add(stored);
                    record.Attachments.Add(new SupervisionAttachment
                    {
                        Id = Guid.NewGuid(), RecordId = record.Id, FileName = Path.GetFileName(file.Name), StorageKey = stored.Key,
                        SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256,
                    });
                }
                db.Add(record);
                push.ReportedAt = now;
                db.Audit(actor, "supervision.reported", "supervision-push", push.Id.ToString(),
                    $"{RecordLabels.Of(kind)} {on:yyyy-MM-dd}：{RecordLabels.Of(result)}（{push.CaseNumber}）", now);
                EventLog.Record(db, EventTypes.SupervisionReported, SupervisionEvents.Subject(push),
                    SupervisionEvents.Data(push, new { recordId = record.Id, kind = RecordLabels.Api(kind), checkedOn = on, result = RecordLabels.Api(result) }),
                    now, push.DepartmentId, push.ItemCode, RecordLabels.Api(kind));
                await db.CommitAsync(ct);
                return record;
            }, ct);
        }
        catch
        {
            foreach (var file in saved) files.Delete(file.Key);
            throw;
        }
    }

    private static (RecordKind, DateOnly, string, string, RecordResult) Validate(RecordInput input, DateOnly today)
    {
        // An empty choice says so in words (the workbench's form); an unknown code lists the codes (API clients).
        if (string.IsNullOrWhiteSpace(input.Kind)) throw new InvalidInputException("kind", "required", "请选择监管类型（kind）。");
        var kind = RecordLabels.Kinds.FirstOrDefault(k => k.Api == input.Kind);
        if (kind.Api is null)
            throw new InvalidInputException("kind", "one-of", "监管类型（kind）应为 routine-inspection（日常检查）、random-inspection（双随机抽查）、rectification（整改）或 case-filed（立案）。");
        if (string.IsNullOrWhiteSpace(input.CheckedOn))
            throw new InvalidInputException("checkedOn", "required", "请填写检查日期（checkedOn）。");
        if (!DateOnly.TryParseExact(input.CheckedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            throw new InvalidInputException("checkedOn", "date", "检查日期（checkedOn）格式应为 yyyy-MM-dd。");
        if (on > today) throw new InvalidInputException("checkedOn", "range", "检查日期（checkedOn）不能晚于今天。");
        var inspectors = Text("inspectors", input.Inspectors, MaxInspectors, "检查人员");
        var findings = Text("findings", input.Findings, MaxFindings, "检查情况");
        if (string.IsNullOrWhiteSpace(input.Result)) throw new InvalidInputException("result", "required", "请选择处理结果（result）。");
        var result = RecordLabels.Results.FirstOrDefault(r => r.Api == input.Result);
        if (result.Api is null)
            throw new InvalidInputException("result", "one-of", "处理结果（result）应为 compliant（合格）、rectification-ordered（责令整改）或 penalised（立案查处）。");
        return (kind.Kind, on, inspectors, findings, result.Result);
    }

    private static string Text(string field, string? value, int max, string label)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) throw new InvalidInputException(field, "required", $"请填写{label}（{field}）。");
        if (text.Length > max) throw new InvalidInputException(field, "max-length", $"{label}（{field}）不能超过{max}个字。");
        return text;
    }

    private static void CheckFiles(IReadOnlyList<RecordFile> attachments)
    {
        if (attachments.Count > MaxFiles) throw new InvalidInputException("attachments", "max-count", $"附件最多{MaxFiles}个。");
        foreach (var f in attachments)
        {
            if (f.Length <= 0) throw new InvalidInputException("attachments", "empty", $"附件“{f.Name}”是空文件。");
            if (f.Length > MaxFileBytes) throw new InvalidInputException("attachments", "max-size", $"附件“{f.Name}”超过10MB。");
            if (string.IsNullOrWhiteSpace(f.Name) || f.Name.Length > MaxFileName)
                throw new InvalidInputException("attachments", "name", $"附件文件名不能为空，且不超过{MaxFileName}个字。");
        }
    }
}
