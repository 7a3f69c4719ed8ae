using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Organisation.Applicants;
using OneSeal.Organisation.Identifiers;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.Enquiries;

public sealed record EnquiryInput(string? AskerName, string? AskerPhone, string? ItemCode, string? Question, string? Answer, string? ReferredTo);
public sealed record EnquiryClose(string? Answer);

/// <summary>An enquiry as the hall sees it; <c>overdue</c>: open past its due day (逾期).</summary>
public sealed record EnquiryView(Guid Id, string WindowNumber, string WindowName, string RecordedBy, DateTimeOffset RecordedAt, string AskerName,
    string? AskerPhoneMasked, string? ItemCode, string? ItemName, string Question, string? Answer, string? ReferredTo, DateOnly DueOn,
    DateTimeOffset? ClosedAt, string? ClosedBy, bool Open, bool Overdue, string State);

/// <summary>
/// 首问登记 (issue 11 §7): any hall staff seated at a window records a question; the recorder or a window chief closes
/// it with the answer. The recorder sees their own, a window chief all of them, overdue ones marked. An answer given on
/// the spot with no referral closes the enquiry as it is recorded.
/// </summary>
public sealed class EnquiryDesk(OneSealDb db, WindowSeats seats, CatalogQueries catalog, PersonalData personalData, Calendar.WorkingDayClock calendar,
    TimeProvider clock)
{
    public const int Limit = 200;

    public async Task<EnquiryView> RecordAsync(Actor actor, EnquiryInput? input, CancellationToken ct)
    {
        HallWindows.EnsureHallStaff(actor);
        if (input is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var seat = await seats.EnsureAtAsync(actor, "window", ct, Enum.GetValues<WindowKind>());
        var errors = new Dictionary<string, string[]>();
        void Bad(string field, string message) => errors.TryAdd(field, [message]);

        var name = Text(input.AskerName, "askerName", EnquiryConfiguration.MaxName, "来访人姓名", required: true, Bad);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(input.AskerPhone) && MobilePhone.Problem(input.AskerPhone, out phone) is { } phoneError) Bad("askerPhone", phoneError);
        var question = Text(input.Question, "question", EnquiryConfiguration.MaxText, "咨询问题", required: true, Bad);
        var answer = Text(input.Answer, "answer", EnquiryConfiguration.MaxText, "答复内容", required: false, Bad);
        var referredTo = Text(input.ReferredTo, "referredTo", EnquiryConfiguration.MaxReferredTo, "转办对象", required: false, Bad);
        var itemCode = Text(input.ItemCode, "itemCode", EnquiryConfiguration.MaxItemCode, "咨询事项编码", required: false, Bad);
        string? itemName = null;
        if (itemCode is not null && !errors.ContainsKey("itemCode"))
        {
            try
            {
                itemName = (await catalog.VersionsAsync(itemCode, ct)).Name;
            }
            catch (NotFoundException)
            {
                Bad("itemCode", $"事项编码 {itemCode} 不在已发布的事项清单中。");
            }
        }
        if (errors.Count > 0) throw new InvalidInputsException(errors);

        return await db.InTransactionAsync(async () =>
        {
            var now = clock.Now();
            var closes = answer is not null && referredTo is null;
            var e = new Enquiry
            {
                Id = Guid.NewGuid(), WindowId = seat.Window.Id, RecordedById = actor.Id, RecordedAt = now,
                DueOn = calendar.AddWorkingDays(LegalDates.ToLegalDate(now), 1), AskerName = name!,
                AskerPhoneProtected = phone is null ? null : personalData.Protect(phone), AskerPhoneMasked = phone is null ? null : Masking.MaskPhone(phone),
                ItemCode = itemCode, ItemName = itemName, Question = question!, Answer = answer, ReferredTo = referredTo,
                ClosedAt = closes ? now : null, ClosedById = closes ? actor.Id : null,
            };
            db.Add(e);
            db.Audit(actor, "enquiry.record", "enquiry", e.Id.ToString(),
                $"{seat.Window.Number} 首问登记：{Masking.MaskName(name!)}{(itemName is null ? "" : "，" + itemName)}{(closes ? "，当场答复" : referredTo is null ? "，待答复" : "，转 " + referredTo)}", now);
            await db.CommitAsync(ct);
            return (await ViewsAsync(db.Set<Enquiry>().Where(x => x.Id == e.Id), ct)).Single();
        }, ct);
    }

    public async Task<EnquiryView> CloseAsync(Actor actor, Guid id, EnquiryClose? input, CancellationToken ct)
    {
        HallWindows.EnsureHallStaff(actor);
        var answer = Text(input?.Answer, "answer", EnquiryConfiguration.MaxText, "答复内容", required: true,
            (field, message) => throw new InvalidInputException(field, "answer", message));
        return await db.InTransactionAsync(async () =>
        {
            var e = await db.Set<Enquiry>().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (e is null || (e.RecordedById != actor.Id && !actor.Has(Roles.WindowChief))) throw new NotFoundException("首问登记不存在或无权查看。");
            if (e.ClosedAt is not null) throw new ConflictException("enquiry-closed", "该首问登记已办结。");
            var now = clock.Now();
            e.Answer = answer;
            e.ClosedAt = now;
            e.ClosedById = actor.Id;
            var late = LegalDates.ToLegalDate(now) > e.DueOn;
            db.Audit(actor, "enquiry.close", "enquiry", e.Id.ToString(), late ? "逾期办结" : "办结", now);
            await db.CommitAsync(ct);
            return (await ViewsAsync(db.Set<Enquiry>().Where(x => x.Id == e.Id), ct)).Single();
        }, ct);
    }

    /// <summary>The recorder's own enquiries; a window chief's: every one. <paramref name="openOnly"/>: not closed yet. Newest first, at most 200.</summary>
    public async Task<IReadOnlyList<EnquiryView>> ListAsync(Actor actor, bool openOnly, bool mineOnly, CancellationToken ct)
    {
        HallWindows.EnsureHallStaff(actor);
        var q = db.Set<Enquiry>().AsNoTracking();
        if (mineOnly || !actor.Has(Roles.WindowChief)) q = q.Where(e => e.RecordedById == actor.Id);
        if (openOnly) q = q.Where(e => e.ClosedAt == null);
        return await ViewsAsync(q.OrderByDescending(e => e.RecordedAt).Take(Limit), ct);
    }

    /// <summary>The items in force (code, name), for the page's item picker (asked of the catalog; at most 2,000).</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> ItemsAsync(CancellationToken ct)
    {
        var items = new List<(string, string)>();
        for (var page = 1; page <= 20; page++)
        {
            var (found, total) = await catalog.SearchAsync(null, page, 100, ct);
            items.AddRange(found.Select(i => (i.Code, i.Name)));
            if (items.Count >= total || found.Count == 0) break;
        }
        return items;
    }

    private async Task<IReadOnlyList<EnquiryView>> ViewsAsync(IQueryable<Enquiry> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().ToListAsync(ct);
        var windowIds = rows.Select(r => r.WindowId).Distinct().ToList();
        var windows = await db.Set<Window>().AsNoTracking().Where(w => windowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => (w.Number, w.Name), ct);
        var people = rows.Select(r => r.RecordedById).Concat(rows.Where(r => r.ClosedById is not null).Select(r => r.ClosedById!.Value)).Distinct().ToList();
        var names = await db.Set<Account>().AsNoTracking().Where(a => people.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
        var today = LegalDates.Today(clock);
        return rows.OrderByDescending(r => r.RecordedAt).Select(r =>
        {
            var open = r.ClosedAt is null;
            var overdue = open && today > r.DueOn;
            var state = overdue ? "逾期未办结" : open ? "待答复" : LegalDates.ToLegalDate(r.ClosedAt!.Value) > r.DueOn ? "逾期办结" : "已办结";
            var (number, windowName) = windows.GetValueOrDefault(r.WindowId, ("", ""));
            return new EnquiryView(r.Id, number, windowName, names.GetValueOrDefault(r.RecordedById) ?? "", r.RecordedAt, r.AskerName, r.AskerPhoneMasked,
                r.ItemCode, r.ItemName, r.Question, r.Answer, r.ReferredTo, r.DueOn, r.ClosedAt,
                r.ClosedById is { } by ? names.GetValueOrDefault(by) : null, open, overdue, state);
        }).ToList();
    }

    /// <summary>Trimmed text or null; a problem for <paramref name="field"/> when required and empty, too long, or unclean.</summary>
    private static string? Text(string? raw, string field, int max, string label, bool required, Action<string, string> bad)
    {
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            if (required) bad(field, $"请填写{label}。");
            return null;
        }
        if (value.Length > max || !TextRules.IsClean(value) || value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            bad(field, $"{label}不能超过 {max} 个字符，且不能含控制字符。");
            return null;
        }
        return value;
    }
}
