using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Reform;
using OneSeal.Catalog.Reviews;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>清理清单: the four clean-up lists over the versions in force, filtered by competent department.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class WorklistsModel(CatalogWorklists worklists, ItemReviews reviews, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    /// <summary>issue 13 — 待复核: items a department's policy document touches, until reviewed or republished.</summary>
    public IReadOnlyList<ItemReviewRow> ReviewNeeded { get; private set; } = [];
    [BindProperty] public Guid FlagId { get; set; }

    public async Task<IActionResult> OnPostReviewedAsync(CancellationToken ct)
    {
        try
        {
            await reviews.MarkReviewedAsync(Me, FlagId, ct);
            Notify(T["已标记为已复核。"]);
            return Redirect("/admin/catalog/worklists#reviewNeeded");
        }
        catch (DomainException e)
        {
            AddDomainError(e, _ => "reviewNeeded");
        }
        await OnGetAsync(ct);
        return Page();
    }

    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    public Worklists? Lists { get; private set; }
    public IReadOnlyList<Agency> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Departments = await worklists.DepartmentsAsync(ct);
        ReviewNeeded = await reviews.OpenAsync(ct);
        try
        {
            Lists = await worklists.BuildAsync(Department, ct);
        }
        catch (DomainException e)
        {
            AddDomainError(e, _ => "Department");
            Lists = await worklists.BuildAsync(null, ct);
        }
    }

    public string TitleOf(Worklist list) => list.Key switch
    {
        "notCompressed" => T["承诺时限未压缩的事项"],
        "materialsWithoutBasis" => T["无法律法规依据的申请材料"],
        "twoOrMoreVisits" => T["仍需跑动两次及以上的事项"],
        _ => T["尚未实现网上办理的事项"],
    };

    public string HintOf(Worklist list) => list.Key switch
    {
        "notCompressed" => T["承诺时限等于法定时限（即办件除外）。"],
        "materialsWithoutBasis" => T["“无法律法规依据的一律取消”：请补充依据或取消该材料。"],
        "twoOrMoreVisits" => T["申请人仍需到现场两次及以上。"],
        _ => T["网办深度低于三级（在线预审、全程网办）。"],
    };
}
