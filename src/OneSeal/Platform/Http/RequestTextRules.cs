using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Primitives;

namespace OneSeal.Platform.Http;

/// <summary>
/// <see cref="TextRules"/> for what is not JSON: the path and query string of every request are refused (400 naming the
/// parameter), and a page's posted form is cleaned before the page reads it (a browser never sends NUL; a crafted
/// multipart post then simply loses it, a crafted URL-encoded one, which the framework cannot read, is refused with 400). Multipart file names are checked where files are accepted (<c>UploadRules</c>).
/// </summary>
public static class RequestTextRules
{
    public static IApplicationBuilder UseRequestTextRules(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!TextRules.IsClean(http.Request.Path.Value))
            throw new InvalidInputException("path", TextRules.InvalidCharacters, TextRules.Message("path"));
        foreach (var (key, values) in http.Request.Query)
        {
            var field = TextRules.IsClean(key) ? key : "query";
            if (field == "query" || values.Any(v => !TextRules.IsClean(v)))
                throw new InvalidInputException(field, TextRules.InvalidCharacters, TextRules.Message(field));
        }
        return next(http);
    });

    /// <summary>Registers the page filter that cleans posted forms.</summary>
    public static IServiceCollection AddPageFormTextRules(this IServiceCollection services) =>
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new CleanPageForm()));

    /// <summary>Runs before the page binds or reads its form (after the page's own form size limits were applied).</summary>
    private sealed class CleanPageForm : IAsyncPageFilter
    {
        public async Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context)
        {
            var request = context.HttpContext.Request;
            // The error page re-executes the refused post: reading its form again would fail the error page too.
            if (!request.HasFormContentType || request.Path.StartsWithSegments(Problems.ErrorPath.TrimEnd('/'))) return;
            IFormCollection form;
            try { form = await request.ReadFormAsync(context.HttpContext.RequestAborted); }
            // The URL-encoded form reader itself refuses a NUL (%00): that post cannot be cleaned, only refused (400 page).
            catch (InvalidDataException) { throw new InvalidInputException("form", TextRules.InvalidCharacters, TextRules.Message("form")); }
            if (form.All(f => TextRules.IsClean(f.Key) && f.Value.All(TextRules.IsClean))) return;
            var clean = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, values) in form)
                clean[TextRules.Clean(key)] = new StringValues(values.Select(v => TextRules.Clean(v ?? "")).ToArray());
            context.HttpContext.Features.Set<IFormFeature>(new FormFeature(new FormCollection(clean, form.Files)));
        }

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) => next();
    }
}
