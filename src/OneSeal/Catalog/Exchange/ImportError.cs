namespace OneSeal.Catalog.Exchange;

/// <summary>
/// One failed check of an import: the sheet, the row as Excel numbers it, the column letter and its header, the
/// field of the draft (as the editing rules name it, e.g. <c>materials[2].code</c>), the rule and a Chinese message.
/// </summary>
public sealed record ImportError(string Sheet, int Row, string? Column, string? Header, string? Field, string Rule, string Message);

/// <summary>
/// What an import did: items in the file; drafts of new items; drafts of items that existed before; items equal to their
/// latest version, for which no draft was made.
/// </summary>
public sealed record ImportResult(int Items, int Created, int Updated, int Unchanged);

/// <summary>How far an import is: phase <c>read</c>, <c>validate</c> or <c>save</c>, items done of total.</summary>
public sealed record ImportProgress(string Phase, int Done, int Total);

/// <summary>400: at least one row failed; nothing was written. Carries every error (the API lists them, the page shows a table).</summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportError> errors)
    : Platform.Http.DomainException($"导入失败：{errors.Count} 处错误，未写入任何数据。")
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
    public override int StatusCode => 400;
    public override string Rule => "import-invalid";
}
