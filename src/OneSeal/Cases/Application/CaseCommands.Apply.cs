using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Cases.Machine;
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

    /// <param name="forEnterpriseId">issue 10 — the applicant files as the agent (经办人) of this enterprise account, which must
    /// have granted them an active <see cref="Organisation.Applicants.AgentGrant"/>; the enterprise is then the holder.</param>
    public Task<Case> CreateAsync(Actor actor, string? itemCode, IReadOnlyDictionary<string, string?> form, CancellationToken ct,
        Guid? forEnterpriseId = null) => db.InTransactionAsync(async () =>
    {
        if (!actor.Has(Roles.Applicant))
            throw new ForbiddenException("role", "只有申请人可以在网上提交申请。");
        var item = await ItemToFileAsync(itemCode, ct);
        var today = LegalDates.Today(clock);
        var actingFor = forEnterpriseId is { } enterpriseId
            ? await Organisation.Applicants.Agents.GrantingEnterpriseAsync(db, actor.Id, enterpriseId, today, ct)
            : ((Account Enterprise, Guid GrantId)?)null;
        // An agent applies as the enterprise would: an item for enterprises is open to them.
        EnsureServiceObject(actingFor is null ? actor.Kind : AccountKind.Enterprise, item);
        var clean = FormValidator.Validate(item.FormFields, form, today, requireAll: false);
        await EnsureSomeoneTakesAsync(item, ct);
        var account = await db.Set<Account>().AsNoTracking().FirstAsync(a => a.Id == actor.Id, ct);
        var now = clock.Now();
        var c = await NewCaseAsync(item, account, clean, CaseChannel.Online, now, ct);
        c.ForEnterpriseAccountId = actingFor?.Enterprise.Id;
        db.Add(c);
        AddEvent(c, actor, CaseActions.Created, actingFor is { } f ? $"经办人代表{f.Enterprise.DisplayName}办理" : null, null, now);
        db.Audit(actor, "case.create", "case", c.Id.ToString(), c.CaseNumber, now);
        if (actingFor is { } acting) AuditActingFor(actor, c, acting, "办理", now);
        await db.CommitAsync(ct);
        return c;
    }, ct);

    /// <summary>
    /// An item not transferred is handled by its department's approval section (三集中三到位): an application no one there
    /// could accept would wait unseen, so it is refused at once, saying whom to ask.
    /// </summary>
    private async Task EnsureSomeoneTakesAsync(Item item, CancellationToken ct)
    {
        var handler = await agencies.GetAsync(db, item.ImplementingOrganisationId, ct);
        if (handler.Kind == OrganisationKind.Department && !await ApprovalSections.HaveClerkAsync(db, handler.Id, ct))
            throw new ConflictException("no-department-window",
                $"“{item.Name}”由{handler.Name}办理，该部门尚未安排审批窗口受理人员，暂不能网上申请。" + (item.Phone is { Length: > 0 } phone ? $"请拨打 {phone} 咨询。" : ""));
    }

    /// <summary>
    /// Stores an uploaded material. The file is written before the command's transaction opens (a 20 MB upload must not
    /// hold the write lock), under a key no row names yet; if the transaction does not commit the file is deleted at once,
    /// and after a crash <see cref="Materials.MaterialFiles"/> lets the orphan sweep find it.
    /// </summary>
    /// <param name="paper">At a window: the clerk saw the paper original, or kept a copy (staff uploads only).</param>
    public async Task<CaseMaterial> UploadMaterialAsync(Actor actor, Guid caseId, string? materialCode, string? fileName, Stream content, long length, CancellationToken ct,
        PaperCheck? paper = null)
    {
        if (string.IsNullOrWhiteSpace(materialCode))
            throw new InvalidInputException("materialCode", "required", "请指定材料编码（materialCode）。");
        TextRules.Ensure("materialCode", materialCode);
        // Checked before the file is written (no stray file for a refused upload), and again in the transaction.
        var (material, (_, checkedRow)) = await CheckUploadAsync(actor, caseId, materialCode, ct);
        if (paper is not null && checkedRow.Party != Party.Staff)
            throw new InvalidInputException("paperCheck", "window-only", "原件核验、复印件留存只在窗口代为上传材料时标记。");
        db.ChangeTracker.Clear();

        var head = new byte[16];
        var buffered = new BufferedStream(content, 16);
        var read = await buffered.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var contentType = UploadRules.Check("file", fileName ?? "", length, head.AsSpan(0, read), MaxUploadBytes);
        var stored = await files.SaveAsync($"{Materials.MaterialFiles.Folder}/{caseId:N}", new PrefixedStream(head.AsMemory(0, read), buffered), ct);
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var (_, (c, row)) = await CheckUploadAsync(actor, caseId, materialCode, ct);
                var now = clock.Now();
                foreach (var old in c.Materials.Where(m => m.MaterialCode == material.Code && !m.Superseded)) old.Superseded = true;
                var added = new CaseMaterial
                {
                    Id = Guid.NewGuid(), CaseId = c.Id, MaterialCode = material.Code, FileName = Path.GetFileName(fileName!),
                    ContentType = contentType, SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256, StorageKey = stored.Key,
                    UploadedAt = now, UploadedById = actor.Id, PaperCheck = paper,
                };
                db.Add(added);
                await FulfilToleranceIfCompleteAsync(c, actor, now, ct);
                await ApplyAsync(c, row, actor, $"{material.Name}：{added.FileName}{PaperLabels.Note(paper)}", now, ct, auditDetail: $"{material.Code} sha256={stored.Sha256}");
                return added;
            }, ct);
        }
        catch
        {
            files.Delete(stored.Key);
            throw;
        }
    }

    /// <summary>The machine's row for the upload and the item's material; while the case runs, only a material still owed (容缺).</summary>
    private async Task<(ItemMaterial Material, (Case Case, Transition Row) Begun)> CheckUploadAsync(Actor actor, Guid caseId, string materialCode, CancellationToken ct)
    {
        var begun = await BeginAsync(caseId, CaseAction.UploadMaterial, actor, null, ct);
        var c = begun.Case;
        var material = await db.Set<ItemMaterial>().AsNoTracking().FirstOrDefaultAsync(m => m.ItemId == c.ItemId && m.Code == materialCode, ct)
            ?? throw new InvalidInputException("materialCode", "unknown-material", $"本事项没有编码为“{materialCode}”的材料。");
        if (CaseStatusLabels.Running.Contains(c.Status) && !(await OwedMaterialsAsync(c, ct)).Contains(materialCode))
            throw new ConflictException(CaseGuards.OnlyOwedMaterials.Rule, $"办件已受理，“{material.Name}”不是容缺受理承诺补交的材料。");
        return (material, begun);
    }

    public Task<Case> SubmitAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Submit, actor, expectedVersion, ct);
        // issue 10 — an agent submits for the enterprise only while the grant stands (revoked or ended: refused, the draft kept).
        var actingFor = c.ForEnterpriseAccountId is { } enterpriseId
            ? await Organisation.Applicants.Agents.GrantingEnterpriseAsync(db, actor.Id, enterpriseId, LegalDates.Today(clock), ct)
            : ((Account Enterprise, Guid GrantId)?)null;
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
        var committed = await Commitments.CaseCommitments.OnNotificationCommitmentAsync(db, c.Id, ct);
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
        c.RecordSubmission(now);
        if (actingFor is { } acting) AuditActingFor(actor, c, acting, "提交", now);
        return await ApplyAsync(c, row, actor, MaterialSupply.Note(MaterialSupply.NotSubmitted(item.Materials, uploaded, committed)), now, ct);
    }, ct);

    /// <summary>The version of <paramref name="itemCode"/> in force today with its form, which a new case is filed under; a heading item is refused.</summary>
    private async Task<Item> ItemToFileAsync(string? itemCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(itemCode))
            throw new InvalidInputException("itemCode", "required", "请指定申请事项（itemCode）。");
        // A case is filed under the version in force today and keeps it (docs/decisions/0007-item-versions.md).
        var today = LegalDates.Today(clock);
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.FormFields)
            .InForce(itemCode, today).FirstOrDefaultAsync(ct)
            ?? throw new InvalidInputException("itemCode", "unknown-item", $"事项“{itemCode}”不存在或未发布。");
        ParentItemIsHeading.Ensure(item, await db.Set<Item>().AsNoTracking().InForce(db, today)
            .Where(i => i.ParentCode == item.Code).OrderBy(i => i.Code).Select(i => i.Name).ToListAsync(ct));
        return item;
    }

    /// <summary>A new case in draft (the machine's first state) for <paramref name="applicant"/>; its number is the last thing taken before the commit.</summary>
    private async Task<Case> NewCaseAsync(Item item, Account applicant, IReadOnlyDictionary<string, string> form, CaseChannel channel, DateTimeOffset now,
        CancellationToken ct) => new()
    {
        HandlingRegionCode = Organisation.Regions.RegionCodes.Normalise((await agencies.GetAsync(db, item.ImplementingOrganisationId, ct)).RegionCode),
        Id = Guid.NewGuid(),
        CaseNumber = await NextCaseNumberAsync(now, ct),
        ItemId = item.Id,
        ItemCode = item.Code,
        ItemName = item.Name,
        HandlingOrganisationId = item.ImplementingOrganisationId,
        HandlingSectionId = item.HandlingSectionId,
        SupervisingDepartmentId = item.SupervisingDepartmentId,
        ApplicantAccountId = applicant.Id,
        ApplicantName = applicant.DisplayName,
        ApplicantKind = applicant.Kind,
        ApplicantIdentityMasked = applicant.IdentityCodeMasked,
        Channel = channel,
        FormJson = Forms.CaseForm.Write(form, item.FormFields, personalData),
        FormProtected = true,
        StatutoryDays = item.StatutoryDays,
        PromisedDays = item.PromisedDays,
        CreatedAt = now,
    };

    private async Task<string> NextCaseNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        var day = LegalDates.ToLegalDate(now).ToString("yyyyMMdd");
        var seq = await db.NextAsync($"case:{day}", ct);
        return $"{config["OneSeal:CaseNumberPrefix"] ?? "QS"}{day}-{seq:00000}";
    }

    /// <summary>issue 10 — who filed or submitted for which enterprise, under which grant (the grant may be revoked later).</summary>
    private void AuditActingFor(Actor actor, Case c, (Account Enterprise, Guid GrantId) acting, string step, DateTimeOffset now) =>
        db.Audit(actor, "case.act-for", "case", c.Id.ToString(),
            $"{c.CaseNumber} 代表企业 {acting.Enterprise.DisplayName}（{acting.Enterprise.Id}）{step}，经办人授权 {acting.GrantId}", now);

    private static void EnsureServiceObject(AccountKind applicant, Item item)
    {
        var ok = item.ServiceObject switch
        {
            ServiceObject.Citizen => applicant == AccountKind.Citizen,
            ServiceObject.Enterprise => applicant == AccountKind.Enterprise,
            _ => true,
        };
        if (!ok)
            throw new InvalidInputException("itemCode", "service-object",
                item.ServiceObject == ServiceObject.Citizen ? "本事项面向自然人，请使用个人账号申请。" : "本事项面向法人，请使用企业账号申请。");
    }

    /// <summary>The applicant withdraws the application at any time before the decision.</summary>
    public Task<Case> WithdrawAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct) => db.InTransactionAsync(async () =>
    {
        var (c, row) = await BeginAsync(caseId, CaseAction.Withdraw, actor, expectedVersion, ct);
        var text = reason?.Trim();
        if (text?.Length > 2000) throw new InvalidInputException("reason", "max-length", "撤回理由不能超过2000字。");
        var now = clock.Now();
        await ClosePauseAsync(c, actor, now, ct);
        c.RecordEnd(string.IsNullOrEmpty(text) ? null : text);
        return await ApplyAsync(c, row, actor, text, now, ct,
            [(Notices.NoticeFields.WithdrawnOn, Iso(LegalDates.ToLegalDate(now))), (Notices.NoticeFields.Reason, text)]);
    }, ct);
}
