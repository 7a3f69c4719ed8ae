using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OneSeal.Cases;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Resources;

namespace OneSeal.Pages;

/// <summary>
/// Shared plumbing for the pages: the signed-in actor, turning a <see cref="DomainException"/> into messages next to
/// the field they concern (ModelState keys are the input names, e.g. <c>form.uscc</c>, <c>material_M01</c>), flash
/// notices and errors across a redirect (TempData), and an in-page "not found" instead of a bare status code.
/// </summary>
public abstract partial class OneSealPageModel(IStringLocalizer<Ui> t) : PageModel
{
    public const string NoticeKey = "notice";
    private const string FlashErrorsKey = "errors";

    protected IStringLocalizer<Ui> T { get; } = t;

    /// <summary>Set when the thing asked for does not exist (or may not be seen); the page shows it with status 404.</summary>
    public string? NotFoundMessage { get; private set; }

    /// <summary>The signed-in actor; pages that use it carry [Authorize].</summary>
    protected Actor Me => Actor.From(User) ?? throw new ForbiddenException("unauthenticated", "请先登录。");

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join("；", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    public bool HasErrors => ModelState.ErrorCount > 0;

    private readonly List<(string Key, string Message)> errors = [];

    /// <summary>Every error in the order it was added (ModelState itself does not keep an order), for the summary at the top.</summary>
    public IReadOnlyList<(string Key, string Message)> Errors =>
        errors.Concat(ModelState.Where(e => e.Value is { Errors.Count: > 0 })
                .SelectMany(e => e.Value!.Errors.Select(x => (e.Key, x.ErrorMessage)))
                .Where(x => !errors.Contains(x)))
            .ToList();

    /// <summary>An error next to the input named <paramref name="key"/> (empty key: the page as a whole).</summary>
    protected void AddError(string key, string message)
    {
        errors.Add((key, message));
        ModelState.AddModelError(key, message);
    }

    /// <summary>Forgets binding noise: these pages validate through the services, not data annotations.</summary>
    protected void ClearErrors()
    {
        errors.Clear();
        ModelState.Clear();
    }

    /// <summary>Puts the rule's message next to the field it names; rules about the whole case (403, 404, 409) go to the summary.</summary>
    protected void AddDomainError(DomainException e, Func<string, string>? mapKey = null)
    {
        foreach (var (key, message) in Messages(e, mapKey)) AddError(key, message);
    }

    protected static IEnumerable<(string Key, string Message)> Messages(DomainException e, Func<string, string>? mapKey = null) =>
        RawMessages(e, mapKey).Select(m => (m.Key, ForPage(m.Message)));

    /// <summary>
    /// Service messages name the API field for API clients, e.g. "请填写审查意见（opinion）。"; on a page the message
    /// already sits next to the field, so the API name in brackets is dropped.
    /// </summary>
    public static string ForPage(string message) => ApiFieldNote().Replace(message, "");

    [System.Text.RegularExpressions.GeneratedRegex(@"（[A-Za-z][A-Za-z0-9.\-]*(?: [^（）]*)?）")]
    private static partial System.Text.RegularExpressions.Regex ApiFieldNote();

    private static IEnumerable<(string Key, string Message)> RawMessages(DomainException e, Func<string, string>? mapKey)
    {
        mapKey ??= k => k;
        switch (e)
        {
            case InvalidInputsException many:
                foreach (var (field, messages) in many.Errors)
                    foreach (var m in messages) yield return (mapKey(field), m);
                break;
            case InvalidInputException one:
                yield return (mapKey(one.Field), one.Message);
                break;
            case TooLargeException big:
                yield return (mapKey(big.Field), big.Message);
                break;
            default:
                yield return ("", e.Message);
                break;
        }
    }

    protected IActionResult NotFoundPage(string message)
    {
        NotFoundMessage = message;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    protected void Notify(string message) => TempData[NoticeKey] = message;

    /// <summary>Keeps errors for the page the user is redirected to (post/redirect/get).</summary>
    protected void FlashErrors(IEnumerable<(string Key, string Message)> errors) =>
        TempData[FlashErrorsKey] = JsonSerializer.Serialize(errors.Select(e => new[] { e.Key, e.Message }).ToArray());

    protected void RestoreFlashedErrors()
    {
        if (TempData[FlashErrorsKey] is not string json) return;
        foreach (var pair in JsonSerializer.Deserialize<string[][]>(json) ?? [])
            if (pair.Length == 2) AddError(pair[0], pair[1]);
    }

    /// <summary>Streams an uploaded material to someone allowed to see the case (the same access rule as the case itself).</summary>
    protected async Task<IActionResult> MaterialFileAsync(CaseQueries queries, IFileStore files, Guid caseId, Guid materialId, CancellationToken ct)
    {
        try
        {
            var (m, _) = await queries.MaterialAsync(Me, caseId, materialId, ct);
            return File(files.OpenRead(m.StorageKey), m.ContentType, m.FileName);
        }
        catch (NotFoundException e)
        {
            return NotFoundPage(e.Message);
        }
    }
}
