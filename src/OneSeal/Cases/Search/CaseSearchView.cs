namespace OneSeal.Cases.Search;

/// <summary>
/// The search box and, after a search, its answer (<c>_CaseSearch</c> partial). <see cref="Empty"/> shows the box only:
/// the pages that include it (<c>/hall</c>, <c>/hall/window</c>) search through <c>/hall/search?q=</c>.
/// </summary>
public sealed record CaseSearchView(string? Query, CaseSearchCriterion? Criterion, IReadOnlyList<CaseSearchHit>? Hits, string? Error)
{
    public static readonly CaseSearchView Empty = new(null, null, null, null);

    /// <summary>What the box took the text for, in Chinese.</summary>
    public string? KindLabel => Criterion?.Kind switch
    {
        CaseSearchKind.Number => "办件编号",
        CaseSearchKind.Applicant => "申请人姓名（名称）",
        CaseSearchKind.IdNumber => "证件号码",
        CaseSearchKind.Phone => "手机号码",
        _ => null,
    };
}
