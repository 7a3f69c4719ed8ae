using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Materials;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Cases;

/// <summary>Applying: create a draft, upload materials, submit (and resubmit after a correction).</summary>
public sealed partial class CaseCommands
{
    /// <summary>持证主体 as the certificate and the notices print it (<see cref="Notices.NoticeFields"/>: 200 characters).</summary>
    public const int MaxHolderName = 200;

    private long MaxUploadBytes => config.GetValue("Uploads:MaxBytes", UploadRules.DefaultMaxBytes);

    public async Task<Case> CreateAsync(Actor actor, string? itemCode, IReadOnlyDictionary<string, string?> form, CancellationToken ct)
    {
        if (!actor.Has(Roles.Applicant))
            throw new ForbiddenException("role", "只有申请人可以在网上提交申请。");
        if (string.IsNullOrWhiteSpace(itemCode))
            throw new InvalidInputException("itemCode", "required", "请指定申请事项（itemCode）。");
        // A case is filed under the version in force today and keeps it (docs/decisions/0007-item-versions.md).
        var today = LegalDates.Today(clock);
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.FormFields)
            .Where(i => i.Code == itemCode && i.Status == ItemVersionStatus.Published && i.EffectiveFrom <= today)
            .OrderByDescending(i => i.Version).FirstOrDefaultAsync(ct)
            ?? throw new InvalidInputException("itemCode", "unknown-item", $"事项“{itemCode}”不存在或未发布。");
        EnsureServiceObject(actor, item);
        ParentItemIsHeading.Ensure(item, await db.Set<Item>().AsNoTracking().InForce(db, today)
            .Where(i => i.ParentCode == item.Code).OrderBy(i => i.Code).Select(i => i.Name).ToListAsync(ct));
        var clean = FormValidator.Validate(item.FormFields, form, LegalDates.Today(clock), requireAll: false);
        var account = await db.Set<Account>().AsNoTracking().FirstAsync(a => a.Id == actor.Id, ct);

        var now = clock.Now();
        var c = new Case
        {
            Id = Guid.NewGuid(),
            CaseNumber = await NextCaseNumberAsync(now, ct),
            ItemId = item.Id,
            ItemCode = item.Code,
            ItemName = item.Name,
            HandlingOrganisationId = item.ImplementingOrganisationId,
            ApplicantAccountId = actor.Id,
            ApplicantName = account.DisplayName,
            ApplicantKind = account.Kind,
            ApplicantIdentityMasked = account.IdentityCodeMasked,
            Channel = CaseChannel.Online,
            FormJson = Forms.CaseForm.Write(clean, item.FormFields, personalData),
            FormProtected = true,
            Status = CaseStatus.Draft,
            StatutoryDays = item.StatutoryDays,
            PromisedDays = item.PromisedDays,
            CreatedAt = now,
        };
        db.Add(c);
        AddEvent(c, actor, CaseActions.Created, null, null, now);
        db.Audit(actor, "case.create", "case", c.Id.ToString(), c.CaseNumber, now);
        await db.CommitAsync(ct);
        return c;
    }

    public async Task<CaseMaterial> UploadMaterialAsync(Actor actor, Guid caseId, string? materialCode, string? fileName, Stream content, long length, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct, withMaterials: true);
        CaseAccess.EnsureApplicant(actor, c);
        if (string.IsNullOrWhiteSpace(materialCode))
            throw new InvalidInputException("materialCode", "required", "请指定材料编码（materialCode）。");
        TextRules.Ensure("materialCode", materialCode);
        // While the case runs, only materials owed under a tolerance commitment (容缺) may still be supplied.
        if (!(CaseStatusLabels.Running.Contains(c.Status) && (await OwedMaterialsAsync(c, ct)).Contains(materialCode)))
            CaseTransitions.Ensure(CaseActions.MaterialUploaded, c);
        var material = await db.Set<ItemMaterial>().AsNoTracking().FirstOrDefaultAsync(m => m.ItemId == c.ItemId && m.Code == materialCode, ct)
            ?? throw new InvalidInputException("materialCode", "unknown-material", $"本事项没有编码为“{materialCode}”的材料。");

        var head = new byte[16];
        var buffered = new BufferedStream(content, 16);
        var read = await buffered.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var contentType = UploadRules.Check("file", fileName ?? "", length, head.AsSpan(0, read), MaxUploadBytes);
        var stored = await files.SaveAsync($"cases/{c.Id:N}", new PrefixedStream(head.AsMemory(0, read), buffered), ct);

        var now = clock.Now();
        foreach (var old in c.Materials.Where(m => m.MaterialCode == material.Code && !m.Superseded)) old.Superseded = true;
        var row = new CaseMaterial
        {
            Id = Guid.NewGuid(), CaseId = c.Id, MaterialCode = material.Code, FileName = Path.GetFileName(fileName!),
            ContentType = contentType, SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256, StorageKey = stored.Key,
            UploadedAt = now, UploadedById = actor.Id,
        };
        db.Add(row);
        c.Version++;
        AddEvent(c, actor, CaseActions.MaterialUploaded, $"{material.Name}：{row.FileName}", c.Status, now);
        db.Audit(actor, "case.material-upload", "case", c.Id.ToString(), $"{material.Code} sha256={stored.Sha256}", now);
        await FulfilToleranceIfCompleteAsync(c, actor, now, ct);
        await db.CommitAsync(ct);
        return row;
    }

    public async Task<Case> SubmitAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct, withMaterials: true);
        CaseAccess.EnsureApplicant(actor, c);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Submitted, c);
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.FormFields).Include(i => i.Materials).AsSplitQuery()
            .FirstAsync(i => i.Id == c.ItemId, ct);
        var form = FormValidator.Validate(item.FormFields, ReadForm(c), LegalDates.Today(clock), requireAll: true);
        // The holder's name is printed on the licence and addresses every notice, which hold at most this many characters.
        if (item.HolderNameField is { } holderField && form.TryGetValue(holderField, out var holderName) && holderName.Length > MaxHolderName)
            throw new InvalidInputException($"form.{holderField}", "holder-name-length",
                $"“{item.FormFields.First(f => f.Key == holderField).Label}”是证照的持证主体，不能超过{MaxHolderName}个字符。");
        var current = c.Materials.Where(m => !m.Superseded).ToList();
        var owed = await OwedMaterialsAsync(c, ct);
        var uploaded = current.Select(u => u.MaterialCode).ToHashSet(StringComparer.Ordinal);
        var committed = await HasNotificationCommitmentAsync(c, ct);
        var missing = MaterialSupply.Missing(item.Materials, uploaded, owed, committed);
        if (missing.Count > 0)
            throw new InvalidInputException("materials", "required-materials",
                "尚未上传以下必交材料：" + string.Join("、", missing.Select(m => m.Name)));

        var resubmission = c.Status == CaseStatus.CorrectionRequested;
        if (resubmission)
        {
            var listed = JsonSerializer.Deserialize<string[]>(c.CorrectionMaterialsJson ?? "[]") ?? [];
            var notSupplied = listed.Where(code => !current.Any(u => u.MaterialCode == code && u.UploadedAt >= c.CorrectionRequestedAt)).ToList();
            if (notSupplied.Count > 0)
                throw new InvalidInputException("materials", "correction-incomplete",
                    "补正通知所列材料尚未重新上传：" + string.Join("、", item.Materials.Where(m => notSupplied.Contains(m.Code)).Select(m => m.Name)));
        }

        var now = clock.Now();
        var from = c.Status;
        c.Status = CaseStatus.Submitted;
        c.SubmittedAt = now;
        c.Version++;
        AddEvent(c, actor, resubmission ? CaseActions.Resubmitted : CaseActions.Submitted,
            MaterialSupply.Note(MaterialSupply.NotSubmitted(item.Materials, uploaded, committed)), from, now);
        db.Audit(actor, "case.submit", "case", c.Id.ToString(), null, now);
        await db.CommitAsync(ct);
        return c;
    }

    private async Task<string> NextCaseNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        var day = LegalDates.ToLegalDate(now).ToString("yyyyMMdd");
        var seq = await db.NextAsync($"case:{day}", ct);
        return $"{config["OneSeal:CaseNumberPrefix"] ?? "QS"}{day}-{seq:00000}";
    }

    private static void EnsureServiceObject(Actor actor, Item item)
    {
        var ok = item.ServiceObject switch
        {
            ServiceObject.Citizen => actor.Kind == AccountKind.Citizen,
            ServiceObject.Enterprise => actor.Kind == AccountKind.Enterprise,
            _ => true,
        };
        if (!ok)
            throw new InvalidInputException("itemCode", "service-object",
                item.ServiceObject == ServiceObject.Citizen ? "本事项面向自然人，请使用个人账号申请。" : "本事项面向法人，请使用企业账号申请。");
    }

    /// <summary>The applicant withdraws the application at any time before the decision.</summary>
    public async Task<Case> WithdrawAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureApplicant(actor, c);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Withdrawn, c);
        var text = reason?.Trim();
        if (text?.Length > 2000) throw new InvalidInputException("reason", "max-length", "撤回理由不能超过2000字。");
        var now = clock.Now();
        await ClosePauseAsync(c, actor, now, ct);
        c.EndReason = string.IsNullOrEmpty(text) ? null : text;
        c.DeadlineState = Clock.DeadlineState.Normal;
        if (c.Status != CaseStatus.Draft)
            await NoticeAsync(c, Notices.NoticeKind.Withdrawal, now, ct, (Notices.NoticeFields.WithdrawnOn, Iso(LegalDates.ToLegalDate(now))), (Notices.NoticeFields.Reason, text));
        return await MoveAsync(c, actor, CaseActions.Withdrawn, CaseStatus.Withdrawn, text, now, ct);
    }
}
