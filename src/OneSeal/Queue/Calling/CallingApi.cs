using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Queue.Calling;

/// <summary><c>/api/v1/queue/windows/{id}</c>: the window's queue and its calling commands, for the staff seated there.</summary>
public static class CallingApi
{
    public static void MapCallingApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/v1/queue/windows/{id:guid}").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("queue");

        g.MapGet("/", async (Guid id, HttpContext http, WindowCalls calls, CancellationToken ct) =>
            TypedResults.Ok(await calls.ViewAsync(HttpActor.Of(http), id, ct))).WithSummary("本窗口的叫号状态：当前号、等候人数、是否暂停");
        Command(g, "/call-next", "叫下一位（预约、绿色通道优先，连续优先不超过 Queue:PriorityBurst 次）", (c, a, id, ct) => c.CallNextAsync(a, id, ct));
        Command(g, "/recall", "重呼当前号（最多 Queue:MaxRecalls 次，间隔不少于 Queue:RecallSeconds 秒）", (c, a, id, ct) => c.RecallAsync(a, id, ct));
        Command(g, "/serve", "开始办理当前号", (c, a, id, ct) => c.ServeAsync(a, id, ct));
        Command(g, "/finish", "办结当前号", (c, a, id, ct) => c.FinishAsync(a, id, ct));
        Command(g, "/no-show", "过号（重呼用尽或叫号后 Queue:NoShowSeconds 秒）", (c, a, id, ct) => c.NoShowAsync(a, id, ct));
        Command(g, "/pause", "暂停叫号", (c, a, id, ct) => c.PauseAsync(a, id, ct));
        Command(g, "/resume", "恢复叫号", (c, a, id, ct) => c.ResumeAsync(a, id, ct));
        g.MapPost("/transfer", async (Guid id, TransferInput? body, HttpContext http, WindowCalls calls, CancellationToken ct) =>
            TypedResults.Ok(await calls.TransferAsync(HttpActor.Of(http), id, body, ct)))
            .WithSummary("转窗：to 为窗口 id 或业务类型代码；保留原取号顺序");
    }

    private static void Command(RouteGroupBuilder g, string path, string summary, Func<WindowCalls, Actor, Guid, CancellationToken, Task<WindowQueueView>> run) =>
        g.MapPost(path, async (Guid id, HttpContext http, WindowCalls calls, CancellationToken ct) =>
            TypedResults.Ok(await run(calls, HttpActor.Of(http), id, ct))).WithSummary(summary);
}
