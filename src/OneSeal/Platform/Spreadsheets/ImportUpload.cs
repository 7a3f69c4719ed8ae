using Microsoft.AspNetCore.Http.Features;
using OneSeal.Platform.Http;

namespace OneSeal.Platform.Spreadsheets;

/// <summary>
/// Takes the uploaded workbook from a request — multipart field <c>file</c>, or the raw body with the xlsx content
/// type — into a temporary file (deleted on close), refusing more than the limit before and while reading.
/// </summary>
public static class ImportUpload
{
    // Multipart boundaries and the other form fields come on top of the file itself.
    private const long FormOverhead = 64 * 1024;

    public static async Task<Stream> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + FormOverhead) throw TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = maxBytes + FormOverhead;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? throw new InvalidInputException("file", "required", "请选择要导入的 .xlsx 文件。");
            return await CopyAsync(file.OpenReadStream(), maxBytes, ct);
        }
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not (XlsxBook.ContentType or "application/octet-stream"))
            throw new InvalidInputException("file", "content-type",
                $"请以 multipart/form-data 的 file 字段，或以 {XlsxBook.ContentType} 请求体上传 .xlsx 文件。");
        return await CopyAsync(request.Body, maxBytes, ct);
    }

    public static async Task<Stream> CopyAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        var temp = TempFile();
        try
        {
            var buffer = new byte[81920];
            int n;
            while ((n = await source.ReadAsync(buffer, ct)) > 0)
            {
                if (temp.Length + n > maxBytes) throw TooLarge(maxBytes);
                await temp.WriteAsync(buffer.AsMemory(0, n), ct);
            }
            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }

    /// <summary>A read-write temporary file that deletes itself when closed.</summary>
    public static FileStream TempFile() => new(Path.Combine(Path.GetTempPath(), $"oneseal-xlsx-{Guid.NewGuid():N}.tmp"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static TooLargeException TooLarge(long maxBytes) =>
        new("file", $"文件超过导入上限 {maxBytes / 1024 / 1024} MB，请分成几个文件导入。");
}
