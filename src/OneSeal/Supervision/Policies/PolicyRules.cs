using System.Globalization;
using OneSeal.Platform.Http;

namespace OneSeal.Supervision.Policies;

/// <summary>The checks on a published document: each field's rule, all reported at once (problem+json naming the fields).</summary>
internal static class PolicyRules
{
    public const int MaxItems = 50;
    public const int MaxAttachments = 10;
    public const long MaxAttachmentBytes = 20 * 1024 * 1024;

    /// <summary>Policy documents travel as PDF, OFD (the national layout format) or Word.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf", [".ofd"] = "application/ofd",
        [".doc"] = "application/msword", [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    public sealed record Checked(string Title, string Number, DateOnly IssuedOn, string Summary, IReadOnlyList<string> ItemCodes);

    public static Checked Check(PolicyInput? input, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];
        string Text(string field, string? value, int max, string label)
        {
            var v = value?.Trim() ?? "";
            if (v.Length == 0) Fail(field, $"请填写{label}。");
            else if (v.Length > max) Fail(field, $"{label}不能超过{max}个字符。");
            else if (!TextRules.IsClean(v)) Fail(field, TextRules.Message(label));
            return v;
        }
        var title = Text("title", input?.Title, 200, "标题");
        var number = Text("documentNumber", input?.DocumentNumber, 64, "文号");
        var summary = Text("summary", input?.Summary, 4000, "摘要");
        var issued = default(DateOnly);
        if (string.IsNullOrWhiteSpace(input?.IssuedOn)) Fail("issuedOn", "请填写发文日期。");
        else if (!DateOnly.TryParseExact(input.IssuedOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out issued))
            Fail("issuedOn", "发文日期应为 yyyy-MM-dd 格式的日期。");
        else if (issued > today) Fail("issuedOn", "发文日期不能晚于今天。");
        else if (issued < today.AddYears(-30)) Fail("issuedOn", "发文日期不能早于三十年前。");

        var codes = (input?.ItemCodes ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (codes.Count > MaxItems) Fail("itemCodes", $"涉及事项不能超过{MaxItems}项。");
        else if (codes.Any(c => c.Length == 0 || c.Length > 64 || !c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')))
            Fail("itemCodes", "事项编码只能含字母、数字和“-”，不超过64个字符。");
        if (errors.Count > 0) throw new InvalidInputsException(errors);
        return new Checked(title, number, issued, summary, codes.Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The attachment's safe name and content type, or a 400 naming <c>attachments</c>.</summary>
    public static (string Name, string ContentType) CheckFile(PolicyUpload file)
    {
        var name = Path.GetFileName((file.FileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0 || name.Length > 200 || !TextRules.IsClean(name) || name.Any(char.IsControl))
            throw new InvalidInputException("attachments", "file-name", "附件文件名不能为空、不能超过200个字符，也不能含控制字符。");
        if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var type))
            throw new InvalidInputException("attachments", "file-type", "附件只能是 PDF、OFD 或 Word（.doc、.docx）文件。");
        if (file.Length <= 0) throw new InvalidInputException("attachments", "empty-file", $"附件“{name}”是空文件。");
        if (file.Length > MaxAttachmentBytes) throw new TooLargeException("attachments", "附件不能超过20MB。");
        return (name, type);
    }
}
