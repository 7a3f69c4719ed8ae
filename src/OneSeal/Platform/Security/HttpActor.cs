using OneSeal.Platform.Http;

namespace OneSeal.Platform.Security;

public static class HttpActor
{
    /// <summary>The signed-in actor of an API request (the endpoints require authentication; this only names the type).</summary>
    public static Actor Of(HttpContext http) =>
        Actor.From(http.User) ?? throw new ForbiddenException("unauthenticated", "请先登录。");
}
