using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OneSeal.Hall.Seats;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;

namespace OneSeal.Hall.StandIn;

/// <summary>
/// “B 代 A” on every line B writes (§7): while the B post sits at a window whose A post is marked absent today, each of
/// B's writing requests acts under the name “王窗口（代 李窗口）”, so the case timeline and the audit trail both say who
/// stood in for whom, whatever the command. The account and its rights stay B's own.
/// </summary>
public static class StandInNames
{
    public const string StandsInForClaim = "oneseal:stands-in-for";

    public static string Of(string standIn, string absent) => $"{standIn}（代 {absent}）";

    public static void UseStandInNames(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && Actor.From(http.User) is { Kind: AccountKind.Staff } actor)
        {
            var db = http.RequestServices.GetRequiredService<OneSealDb>();
            var today = LegalDates.Today(http.RequestServices.GetRequiredService<TimeProvider>());
            var absent = await (
                from s in db.Set<WindowSeat>()
                join a in db.Set<WindowAbsence>() on new { s.WindowId, s.Day } equals new { a.WindowId, a.Day }
                join person in db.Set<Account>() on a.AccountId equals person.Id
                where s.AccountId == actor.Id && s.Day == today && s.SignedOutAt == null && s.Post == SeatPost.B
                select new { person.Id, person.DisplayName }).AsNoTracking().FirstOrDefaultAsync(http.RequestAborted);
            if (absent is not null)
            {
                // A copy for this request only: the sign-in cookie a sliding renewal writes keeps the original principal.
                var identity = new ClaimsIdentity(http.User.Claims.Where(c => c.Type != Actor.DisplayNameClaim),
                    http.User.Identity?.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(new Claim(Actor.DisplayNameClaim, Of(actor.DisplayName, absent.DisplayName)));
                identity.AddClaim(new Claim(StandsInForClaim, absent.Id.ToString()));
                http.User = new ClaimsPrincipal(identity);
            }
        }
        await next(http);
    });
}
