using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages;

/// <summary>
/// The HTML error page for everything outside the API (Platform/Http/Problems.cs re-executes here): a page that does
/// not exist, may not be seen, or failed. A rule that said no shows its own message; a 500 shows the trace id the log
/// carries, so the person can quote it. The status code stays what the failed request earned.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public int Status { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";
    public string TraceId => HttpContext.TraceIdentifier;

    // Every method: a failed POST is re-executed as a POST.
    public void OnGet(int? code) => Show(code);
    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        var reExecuted = exception is not null || HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        // Asked for directly (/error/404), the route says which page; re-executed, the failed request's status stands.
        Status = reExecuted ? Response.StatusCode : code is >= 400 and < 600 ? code.Value : 404;
        Response.StatusCode = Status;
        (Heading, Message) = Status switch
        {
            403 => (T["无权访问"].Value, T["当前账号没有访问该页面的权限。"].Value),
            404 => (T["页面不存在"].Value, T["找不到您要访问的页面：地址可能有误，或该内容已不存在。"].Value),
            413 => (T["文件过大"].Value, T["上传的内容超过服务器允许的大小上限。"].Value),
            503 => (T["系统繁忙"].Value, T["当前办理人数较多，系统暂时无法处理您的请求，没有保存任何内容。请稍候片刻再试。"].Value),
            >= 500 => (T["服务器出错了"].Value, T["处理您的请求时发生了意外错误，我们已记录。请稍后重试；如需帮助，请向工作人员提供下面的错误编号。"].Value),
            _ => (T["请求未能完成"].Value, T["请求无法处理：页面可能已过期或内容有误。请返回上一页，刷新后重试。"].Value),
        };
        // A rule's own words say more than the generic text (never for a 500: its message is not for the public).
        if (exception is DomainException d && Status < 500) Message = ForPage(d.Message);
    }
}
