using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Http;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Users;

/// <summary>The system administrator edits one staff account (name, organisation, staff number, phone) and its photo.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class EditModel(StaffQueries queries, StaffAdmin admin, StaffPhotos photos, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public Guid? OrganisationId { get; set; }
    [BindProperty] public string? StaffNumber { get; set; }
    [BindProperty] public string? Phone { get; set; }

    public StaffView? Staff { get; private set; }
    public IReadOnlyList<Agency> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFoundPage(T["工作人员账号不存在。"].Value);
        (DisplayName, OrganisationId, StaffNumber) = (Staff!.DisplayName, Staff.OrganisationId, Staff.StaffNumber);
        // The full number is for the one editing it; the list shows it masked.
        Phone = await queries.PhoneAsync(Me, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await admin.EditAsync(Me, id, new EditStaffRequest(DisplayName, OrganisationId, StaffNumber, Phone), ct);
            Notify(T["已保存。"].Value);
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => char.ToUpperInvariant(key[0]) + key[1..]);
        }
        return await LoadAsync(id, ct) ? Page() : NotFoundPage(T["工作人员账号不存在。"].Value);
    }

    public async Task<IActionResult> OnPostPhotoAsync(Guid id, IFormFile? photo, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            if (photo is null) throw new InvalidInputException("photo", "required", "请选择照片文件（PNG 或 JPEG）。");
            if (photo.Length > StaffPhotos.MaxBytes) throw new TooLargeException("photo", "照片不能超过 1 MB。");
            await using var content = photo.OpenReadStream();
            await photos.SetAsync(Me, id, content, ct);
            Notify(T["照片已更新。"].Value);
            return RedirectToPage(new { id });
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key == "file" ? "photo" : key);
        }
        if (!await LoadAsync(id, ct)) return NotFoundPage(T["工作人员账号不存在。"].Value);
        (DisplayName, OrganisationId, StaffNumber) = (Staff!.DisplayName, Staff.OrganisationId, Staff.StaffNumber);
        return Page();
    }

    public async Task<IActionResult> OnGetPhotoAsync(Guid id, CancellationToken ct)
    {
        try
        {
            return await photos.GetAsync(Me, id, ct) is { } photo ? File(photo.Bytes, photo.ContentType) : NotFound();
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Organisations = await queries.OrganisationsAsync(ct);
        try
        {
            Staff = await queries.GetAsync(Me, id, ct);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
