using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog;
using OneSeal.Catalog.Editing;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>新建事项: the first version's draft of a new item, starting with the four standard steps.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class NewModel(CatalogEditor editor, CatalogAdminQueries queries, IStringLocalizer<Ui> t) : ItemFormModel(editor, queries, t)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Input = new ItemDraftInput
        {
            Category = ItemCategories.All[0], Kind = nameof(ItemKind.Promised), ServiceObject = nameof(ServiceObject.Both),
            Level = nameof(AdministrativeLevel.County), Tongban = nameof(TongbanScope.None), Visits = 1, OnlineDepth = 1,
            Steps = ItemVersions.StandardSteps(Guid.Empty)
                .Select(s => new StepInput { Kind = s.Kind.ToString(), SharePercent = s.SharePercent }).ToList(),
        };
        await LoadChoicesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (EditRows()) return Page();
        ClearErrors();
        try
        {
            var draft = await Editor.CreateItemAsync(Me, Input, ct);
            Notify(T["事项“{0}”已建立，第{1}版草稿已保存。", draft.Name, draft.Version]);
            return Redirect($"/admin/catalog/{Uri.EscapeDataString(draft.Code)}/edit");
        }
        catch (DomainException e)
        {
            ShowProblems(e);
        }
        return Page();
    }
}
