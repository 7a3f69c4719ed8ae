using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// An account whose password someone else chose (an import's one-time initial password) does nothing until its holder
/// picks their own: pages lead to <c>/account/password</c>, the API answers 403 <c>password-change-required</c>. The
/// session says so in a claim (<see cref="Actor.MustChangePassword"/>); changing the password signs in again without it.
/// </summary>
public static class InitialPasswordGate
{
    public const string ChangePage = "/account/password";

    /// <summary>Its own session and password, the language, and static files stay open.</summary>
    private static readonly string[] Open = ["/account", "/api/v1/auth", "/culture", "/css", "/js", "/lib", "/favicon.ico", "/health"];

    public static IApplicationBuilder UseInitialPasswordGate(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var actor = Actor.From(http.User);
            var path = http.Request.Path;
            if (actor is { MustChangePassword: true } && !Open.Any(p => path.StartsWithSegments(p)))
            {
                if (!path.StartsWithSegments("/api"))
                {
                    http.Response.Redirect(ChangePage);
                    return;
                }
                throw new ForbiddenException("password-change-required", "请先登录网页修改初始密码（账号的初始密码由管理员导入时生成）。");
            }
            await next(http);
        });
}
