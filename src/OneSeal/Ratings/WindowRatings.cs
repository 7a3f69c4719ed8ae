using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Signals;
using OneSeal.Platform.Time;
using OneSeal.Queue.Board;
using OneSeal.Queue.Tickets;

namespace OneSeal.Ratings;

public sealed record RatingInput(Guid? TicketId, int? Level, IReadOnlyDictionary<string, int>? Scores, IReadOnlyList<string>? Tags, string? Comment);
public sealed record RatingOption(string Code, string Name);
/// <summary>What the device asks about: the ticket just finished at its window, the indicators and the bad-rating tags.</summary>
public sealed record PendingRating(Guid TicketId, string TicketNumber, string WindowNumber, string WindowName, string? StaffName,
    IReadOnlyList<RatingOption> Indicators, IReadOnlyList<RatingOption> Tags);
public sealed record DeviceState(string WindowNumber, string WindowName, PendingRating? Pending);
public sealed record RatingReceipt(Guid Id, string TicketNumber, int Level, string LevelName, DateTimeOffset CreatedAt);

/// <summary>
/// 窗口评价 (issue 12 §5): when a clerk finishes a visitor, the window's rating device asks for one of the five levels
/// with GB/T 39734's offline indicators. The rating is bound to the finished ticket (once), the window, the staff and
/// the cases served, channel "window device". Only the paired device's request creates one, and never a request that
/// carries a staff session: nobody rates for the applicant.
/// </summary>
public sealed class WindowRatings(OneSealDb db, RatingDevices devices, IServedTickets served, ISignals signals, RatingOptionsCache options, TimeProvider clock)
{
    /// <summary>How long after the ticket is finished the device still asks for its rating.</summary>
    public static readonly TimeSpan RateWithin = TimeSpan.FromMinutes(30);
    public const string CurrentSet = "GB/T 39734-2020";

    public async Task<DeviceState> StateAsync(string? deviceSecret, CancellationToken ct)
    {
        var (_, window) = await DeviceAsync(deviceSecret, ct);
        var ticket = await served.LastFinishedAsync(window.Id, clock.Now() - RateWithin, ct);
        if (ticket is null || await db.Set<Rating>().AnyAsync(r => r.TicketId == ticket.TicketId, ct))
            return new DeviceState(window.Number, window.Name, null);
        var staff = ticket.StaffId is { } id ? await db.Set<Account>().Where(a => a.Id == id).Select(a => a.DisplayName).FirstOrDefaultAsync(ct) : null;
        return new DeviceState(window.Number, window.Name, new PendingRating(ticket.TicketId, ticket.Number, window.Number, window.Name, staff,
            await OptionsAsync("offline", ct), await OptionsAsync("tag", ct)));
    }

    public async Task<RatingReceipt> RateAsync(Actor? signedIn, string? deviceSecret, RatingInput? input, CancellationToken ct)
    {
        if (signedIn is not null)
        {
            // The attempt is kept: a staff account trying to rate is what the rule exists for.
            var refusal = new ForbiddenException("staff-cannot-rate", "评价只能由办事群众在窗口评价器上作出，工作人员不能代为评价。");
            await HallRefusals.AuditAsync(db, signedIn, "rating.refused", "ticket", input?.TicketId?.ToString() ?? "-", refusal, clock.Now(), ct);
            throw refusal;
        }
        var (device, window) = await DeviceAsync(deviceSecret, ct);
        if (input is null) throw new InvalidInputException("body", "required", "请求体不能为空。");
        var indicators = await OptionsAsync("offline", ct);
        var tagOptions = await OptionsAsync("tag", ct);
        var (level, scores, tags, comment) = Validate(input, indicators, tagOptions);

        return await db.InTransactionAsync(async () =>
        {
            var now = clock.Now();
            var ticket = await served.FindAsync(input.TicketId!.Value, ct)
                ?? throw new ConflictException("ticket-not-finished", "这张号票尚未办结，办结后才能评价。");
            if (ticket.WindowId != window.Id) throw new ForbiddenException("other-window", $"号票 {ticket.Number} 不是在 {window.Number} 窗口办理的，本评价器不能评价。");
            if (ticket.FinishedAt + RateWithin < now) throw new ConflictException("rating-closed", $"号票 {ticket.Number} 办结已超过 30 分钟，评价器不再受理。");
            if (await db.Set<Rating>().AnyAsync(r => r.TicketId == ticket.TicketId, ct))
                throw new ConflictException("already-rated", $"号票 {ticket.Number} 已经评价过，每次服务只能评价一次。");
            var rating = new Rating
            {
                Id = Guid.NewGuid(), Channel = RatingChannel.WindowDevice, Level = level, SetVersion = CurrentSet,
                Tags = tags.Count == 0 ? null : string.Join(',', tags), Comment = comment, TicketId = ticket.TicketId, WindowId = window.Id,
                StaffId = ticket.StaffId, DeviceId = device.Id, CreatedAt = now,
            };
            rating.Scores.AddRange(scores.Select(s => new RatingScore { RatingId = rating.Id, IndicatorCode = s.Key, Level = s.Value }));
            rating.Cases.AddRange(ticket.CaseIds.Distinct().Select(c => new RatingCase { RatingId = rating.Id, CaseId = c }));
            db.Add(rating);
            db.Audit(null, "rating.create", "ticket", ticket.TicketId.ToString(),
                $"{window.Number} 窗口评价器：{ticket.Number} 号 {RatingLevels.Label(level)}{(tags.Count == 0 ? "" : "（" + string.Join("、", tags.Select(t => tagOptions.First(o => o.Code == t).Name)) + "）")}", now);
            try
            {
                await db.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two taps raced past the check: the unique index on the ticket kept one.
                throw new ConflictException("already-rated", $"号票 {ticket.Number} 已经评价过，每次服务只能评价一次。");
            }
            await signals.PublishAsync(QueueSignals.Channel, JsonSerializer.Serialize(new { kind = "changed", hallId = ticket.HallId }), CancellationToken.None);
            return new RatingReceipt(rating.Id, ticket.Number, (int)level, RatingLevels.Label(level), now);
        }, ct);
    }

    private async Task<(RatingDevice Device, OpenWindow Window)> DeviceAsync(string? secret, CancellationToken ct) =>
        await devices.FindAsync(secret, ct)
        ?? throw new ForbiddenException("device-not-paired", "本设备不是已配对的窗口评价器，请窗口负责人重新配对。");

    private async Task<List<RatingOption>> OptionsAsync(string kind, CancellationToken ct) => [.. await options.OfAsync(db, CurrentSet, kind, ct)];

    private static (RatingLevel Level, Dictionary<string, RatingLevel> Scores, List<string> Tags, string? Comment) Validate(
        RatingInput input, List<RatingOption> indicators, List<RatingOption> tagOptions)
    {
        var errors = new Dictionary<string, string[]>();
        void Bad(string field, string message) => errors.TryAdd(field, [message]);
        if (input.TicketId is null || input.TicketId == Guid.Empty) Bad("ticketId", "须指明所评价的号票。");
        if (input.Level is not (>= 1 and <= 5)) Bad("level", "总体评价须为 1（非常不满意）至 5（非常满意）之一。");
        var scores = new Dictionary<string, RatingLevel>();
        foreach (var (code, value) in input.Scores ?? new Dictionary<string, int>())
        {
            if (indicators.All(i => i.Code != code)) Bad($"scores.{Clip(code)}", "不是线下评价指标（总体评价、办事效率、服务水平、服务态度）之一。");
            else if (value is not (>= 1 and <= 5)) Bad($"scores.{code}", "分项评价须为 1 至 5 之一。");
            else scores[code] = (RatingLevel)value;
        }
        var tags = (input.Tags ?? []).Distinct().ToList();
        if (tags.Any(t => tagOptions.All(o => o.Code != t))) Bad("tags", "含有不在差评原因清单中的选项。");
        else if (tags.Count > 0 && input.Level is > 2) Bad("tags", "只有“不满意”或“非常不满意”时才选择差评原因。");
        var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (comment is not null && comment.Length > RatingConfiguration.MaxComment) Bad("comment", $"意见建议不能超过 {RatingConfiguration.MaxComment} 字。");
        if (errors.Count > 0) throw new InvalidInputsException(errors);
        var level = (RatingLevel)input.Level!.Value;
        // The overall indicator is the level tapped; the others default to it when the applicant did not set them apart.
        foreach (var i in indicators) scores.TryAdd(i.Code, level);
        scores["overall"] = level;
        return (level, scores, tags, comment);
    }

    private static string Clip(string code) => code.Length > 32 ? code[..32] : code;
}
