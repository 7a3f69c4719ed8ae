using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Calendar;
using OneSeal.Cases.Materials;
using OneSeal.Cases.Rules;
using OneSeal.Catalog;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;
using OneSeal.Seal;

namespace OneSeal.Cases;

/// <summary>
/// Every change to a case. Each method checks role, data scope and state, then writes the change,
/// its timeline line and its audit line in one transaction. Pages and the API both call these.
/// </summary>
public sealed class CaseCommands(
    OneSealDb db, TimeProvider clock, IWorkingDayCalendar calendar, IFileStore files,
    ICertificateIssuer issuer, PersonalData personalData, IConfiguration config)
{
    private long MaxUploadBytes => config.GetValue("Uploads:MaxBytes", UploadRules.DefaultMaxBytes);

    public async Task<Case> CreateAsync(Actor actor, string? itemCode, IReadOnlyDictionary<string, string?> form, CancellationToken ct)
    {
        if (!actor.Has(Roles.Applicant))
            throw new ForbiddenException("role", "只有申请人可以在网上提交申请。");
        if (string.IsNullOrWhiteSpace(itemCode))
            throw new InvalidInputException("itemCode", "required", "请指定申请事项（itemCode）。");
        var item = await db.Set<Item>().Include(i => i.FormFields).AsSplitQuery()
            .FirstOrDefaultAsync(i => i.Code == itemCode && i.Published, ct)
            ?? throw new InvalidInputException("itemCode", "unknown-item", $"事项“{itemCode}”不存在或未发布。");
        EnsureServiceObject(actor, item);
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
            FormJson = JsonSerializer.Serialize(clean),
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
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureApplicant(actor, c);
        CaseTransitions.Ensure(CaseActions.MaterialUploaded, c);
        if (string.IsNullOrWhiteSpace(materialCode))
            throw new InvalidInputException("materialCode", "required", "请指定材料编码（materialCode）。");
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
        await db.CommitAsync(ct);
        return row;
    }

    public async Task<Case> SubmitAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureApplicant(actor, c);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Submitted, c);
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.FormFields).Include(i => i.Materials).AsSplitQuery()
            .FirstAsync(i => i.Id == c.ItemId, ct);
        FormValidator.Validate(item.FormFields, ReadForm(c), LegalDates.Today(clock), requireAll: true);
        var current = c.Materials.Where(m => !m.Superseded).ToList();
        var missing = item.Materials.Where(m => m.Required && current.All(u => u.MaterialCode != m.Code)).ToList();
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
        AddEvent(c, actor, resubmission ? CaseActions.Resubmitted : CaseActions.Submitted, null, from, now);
        db.Audit(actor, "case.submit", "case", c.Id.ToString(), null, now);
        await db.CommitAsync(ct);
        return c;
    }

    public async Task<Case> AcceptAsync(Actor actor, Guid caseId, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Accepted, c);
        var now = clock.Now();
        var acceptedOn = LegalDates.ToLegalDate(now);
        c.AcceptedById = actor.Id;
        c.AcceptedAt = now;
        c.AcceptedOn = acceptedOn;
        c.DueDate = DueDateRule.Due(calendar, acceptedOn, c.PromisedDays);
        return await MoveAsync(c, actor, CaseActions.Accepted, CaseStatus.Accepted, $"承诺办结日期 {c.DueDate:yyyy-MM-dd}（{c.PromisedDays}个工作日）", now, ct);
    }

    public async Task<Case> RequestCorrectionAsync(Actor actor, Guid caseId, IReadOnlyList<string>? missing, string? note, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.CorrectionRequested, c);
        var codes = (missing ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct().ToList();
        if (codes.Count == 0)
            throw new InvalidInputException("missing", "required", "补正通知须一次性列明全部需要补正的材料（missing 不能为空）。");
        var materials = await db.Set<ItemMaterial>().AsNoTracking().Where(m => m.ItemId == c.ItemId).ToListAsync(ct);
        var unknown = codes.Where(code => materials.All(m => m.Code != code)).ToList();
        if (unknown.Count > 0)
            throw new InvalidInputException("missing", "unknown-material", "本事项没有这些材料编码：" + string.Join("、", unknown));
        if (note?.Length > 2000) throw new InvalidInputException("note", "max-length", "说明不能超过2000字。");

        var now = clock.Now();
        c.CorrectionMaterialsJson = JsonSerializer.Serialize(codes);
        c.CorrectionNote = note?.Trim();
        c.CorrectionRequestedAt = now;
        var names = string.Join("、", materials.Where(m => codes.Contains(m.Code)).OrderBy(m => m.SortOrder).Select(m => m.Name));
        return await MoveAsync(c, actor, CaseActions.CorrectionRequested, CaseStatus.CorrectionRequested,
            $"请补正：{names}" + (string.IsNullOrWhiteSpace(note) ? "" : $"。说明：{note.Trim()}"), now, ct);
    }

    public async Task<Case> RefuseAsync(Actor actor, Guid caseId, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Clerk);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Refused, c);
        var text = RequiredText("reason", reason, "不予受理须说明理由（reason）。", maxLength: 2000);
        c.RefusalReason = text;
        return await MoveAsync(c, actor, CaseActions.Refused, CaseStatus.Refused, text, clock.Now(), ct);
    }

    public async Task<Case> ReviewAsync(Actor actor, Guid caseId, string? opinion, string? recommend, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Reviewer);
        EnsureVersion(c, expectedVersion);
        CaseTransitions.Ensure(CaseActions.Reviewed, c);
        SeparationOfDuties.AcceptorCannotReview(c, actor);
        var text = RequiredText("opinion", opinion, "请填写审查意见（opinion）。");
        bool approve = recommend switch
        {
            "approve" => true,
            "deny" => false,
            _ => throw new InvalidInputException("recommend", "one-of", "审查建议（recommend）应为 approve 或 deny。"),
        };
        var now = clock.Now();
        c.ReviewedById = actor.Id;
        c.ReviewedAt = now;
        c.ReviewOpinion = text;
        c.ReviewRecommendsApproval = approve;
        return await MoveAsync(c, actor, CaseActions.Reviewed, CaseStatus.Reviewed, $"{(approve ? "建议准予" : "建议不予")}许可：{text}", now, ct);
    }

    public async Task<Case> DecideAsync(Actor actor, Guid caseId, bool? approve, string? reason, int? expectedVersion, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        CaseAccess.EnsureStaff(actor, c, Roles.Chief);
        EnsureVersion(c, expectedVersion);
        if (approve is null) throw new InvalidInputException("approve", "required", "请选择准予或不予许可（approve）。");
        CaseTransitions.Ensure(approve.Value ? CaseActions.Approved : CaseActions.Denied, c);
        SeparationOfDuties.AcceptorCannotDecide(c, actor);
        SeparationOfDuties.ReviewerCannotDecide(c, actor);
        var text = approve.Value ? reason?.Trim() : RequiredText("reason", reason, "不予许可须说明理由（reason）。");
        if (text?.Length > 4000) throw new InvalidInputException("reason", "max-length", "理由不能超过4000字。");

        var now = clock.Now();
        c.DecidedById = actor.Id;
        c.DecidedAt = now;
        c.Approved = approve;
        c.DecisionReason = text;
        if (!approve.Value)
            return await MoveAsync(c, actor, CaseActions.Denied, CaseStatus.Denied, text, now, ct);

        var certificate = await issuer.IssueAsync(await CertificateRequestFor(c, now, ct), ct);
        c.CertificateNumber = certificate.Number;
        AddEvent(c, actor, CaseActions.Approved, text, c.Status, now);
        db.Audit(actor, $"case.{CaseActions.Approved}", "case", c.Id.ToString(), text, now);
        return await MoveAsync(c, actor, CaseActions.CertificateIssued, CaseStatus.CertificateIssued, $"证照编号 {certificate.Number}", now, ct);
    }

    /// <summary>Electronic delivery: the holder downloaded the certificate. Repeating it changes nothing.</summary>
    public async Task MarkDeliveredAsync(Actor actor, Guid caseId, string mode, CancellationToken ct)
    {
        var c = await LoadAsync(caseId, ct);
        if (c.Status != CaseStatus.CertificateIssued) return;
        c.DeliveredAt = clock.Now();
        await MoveAsync(c, actor, CaseActions.Delivered, CaseStatus.Delivered, mode, c.DeliveredAt.Value, ct);
    }

    private async Task<Case> MoveAsync(Case c, Actor actor, string action, CaseStatus to, string? note, DateTimeOffset now, CancellationToken ct)
    {
        var from = c.Status;
        c.Status = to;
        c.Version++;
        AddEvent(c, actor, action, note, from, now);
        db.Audit(actor, $"case.{action}", "case", c.Id.ToString(), Fit(note), now);
        await db.CommitAsync(ct);
        return c;
    }

    private void AddEvent(Case c, Actor actor, string action, string? note, CaseStatus? from, DateTimeOffset now) =>
        db.Add(new CaseEvent
        {
            CaseId = c.Id, At = now, ActorId = actor.Id, ActorName = actor.DisplayName, Action = action, Note = Fit(note),
            FromStatus = from, ToStatus = c.Status,
        });

    private async Task<Case> LoadAsync(Guid id, CancellationToken ct, int? expectedVersion = null)
    {
        var c = await db.Set<Case>().Include(x => x.Materials).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException("办件不存在或无权查看。");
        return c;
    }

    private static void EnsureVersion(Case c, int? expectedVersion)
    {
        if (expectedVersion is { } v && v != c.Version)
            throw new ConflictException("stale-version", "该办件已被他人更新，请刷新后重试。");
    }

    private async Task<string> NextCaseNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        var day = LegalDates.ToLegalDate(now).ToString("yyyyMMdd");
        var seq = await db.NextAsync($"case:{day}", ct);
        return $"{config["OneSeal:CaseNumberPrefix"] ?? "QS"}{day}-{seq:00000}";
    }

    private async Task<CertificateRequest> CertificateRequestFor(Case c, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.Set<Item>().AsNoTracking().Include(i => i.FormFields).FirstAsync(i => i.Id == c.ItemId, ct);
        var bureau = await db.Set<Agency>().AsNoTracking().FirstAsync(o => o.Id == c.HandlingOrganisationId, ct);
        var holder = await db.Set<Account>().AsNoTracking().FirstAsync(a => a.Id == c.ApplicantAccountId, ct);
        var issuedOn = LegalDates.ToLegalDate(now);
        var form = ReadForm(c);
        // Details printed on the certificate: the form's plain-text fields; identity fields stay off the document.
        var details = item.FormFields.OrderBy(f => f.SortOrder)
            .Where(f => f.Type is FormFieldType.Text or FormFieldType.Date or FormFieldType.Number && form.TryGetValue(f.Key, out var v) && !string.IsNullOrEmpty(v))
            .Select(f => KeyValuePair.Create(f.Label, form[f.Key]!))
            .ToList();
        return new CertificateRequest(
            c.Id, c.CaseNumber, holder.Id, item.Code, item.Name, item.ResultName, item.ResultTypeCode,
            holder.DisplayName, holder.Kind == AccountKind.Enterprise ? "001" : "111",
            holder.IdentityCodeProtected is null ? "" : personalData.Unprotect(holder.IdentityCodeProtected),
            bureau.Id, bureau.Name, bureau.Uscc ?? bureau.Code, issuedOn, issuedOn,
            item.ResultValidityYears is { } years ? issuedOn.AddYears(years).AddDays(-1) : null,
            details);
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

    /// <summary>Timeline notes and audit details hold 4000 characters; a longer note (a prefix plus a 4000-character opinion) is clipped.</summary>
    private static string? Fit(string? note) => note is { Length: > 4000 } ? note[..3999] + "…" : note;

    public static Dictionary<string, string?> ReadForm(Case c) =>
        JsonSerializer.Deserialize<Dictionary<string, string?>>(c.FormJson) ?? [];

    private static string RequiredText(string field, string? value, string message, int maxLength = 4000)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) throw new InvalidInputException(field, "required", message);
        if (text.Length > maxLength) throw new InvalidInputException(field, "max-length", $"内容不能超过{maxLength}字。");
        return text;
    }
}
