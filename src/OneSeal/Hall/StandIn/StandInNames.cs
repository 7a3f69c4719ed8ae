using System.Security.Claims;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

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
            // The roster is read once per instance until a seat or an absence changes (StandInRoster), not per request.
            var absent = await http.RequestServices.GetRequiredService<StandInRoster>()
                .ForAsync(actor.Id, http.RequestServices.GetRequiredService<OneSealDb>(), http.RequestAborted);
            if (absent is not null)
            {
                // A copy for this request only: the sign-in cookie a sliding renewal writes keeps the original principal.
                var identity = new ClaimsIdentity(http.User.Claims.Where(c => c.Type != Actor.DisplayNameClaim),
                    http.User.Identity?.AuthenticationType, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(new Claim(Actor.DisplayNameClaim, Of(actor.DisplayName, absent.AbsentName)));
                identity.AddClaim(new Claim(StandsInForClaim, absent.AbsentId.ToString()));
                http.User = new ClaimsPrincipal(identity);
            }
        }
        await next(http);
    });
}
