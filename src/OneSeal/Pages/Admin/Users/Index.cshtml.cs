using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Organisation.Staff;
using OneSeal.Platform.Http;
using OneSeal.Platform.Spreadsheets;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Users;

/// <summary>
/// 工作人员账号: the list with its filters for both administrators; the system administrator also creates, disables,
/// re-enables and imports staff here (the security administrator changes roles on /admin/users/{id}/roles).
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.SecurityAdmin)]
public sealed class IndexModel(StaffQueries queries, StaffAdmin admin, StaffImport import, StaffTemplate template, IStringLocalizer<Ui> t)
    : OneSealPageModel(t)
{
    public sealed class NewStaff
    {
        public string? Username { get; set; }
        public string? DisplayName { get; set; }
        public Guid? OrganisationId { get; set; }
        public List<string> Roles { get; set; } = [];
        public string? Password { get; set; }
        public string? StaffNumber { get; set; }
        public string? Phone { get; set; }
    }

    [BindProperty(SupportsGet = true)] public Guid? Org { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    /// <summary><c>active</c>, <c>disabled</c> or empty (both).</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public int P { get; set; } = 1;
    [BindProperty] public NewStaff Input { get; set; } = new();

    public StaffPage List { get; private set; } = new([], 0, 1, PageSize);
    public IReadOnlyList<Agency> Organisations { get; private set; } = [];
    public IReadOnlyList<ImportedStaff> Imported { get; private set; } = [];
    public IReadOnlyList<StaffImportError> ImportErrors { get; private set; } = [];
    public bool IsAdmin => Me.Has(Roles.Admin);
    public bool IsSecurityAdmin => Me.Has(Roles.SecurityAdmin);
    public Guid MyId => Me.Id;
    public const int PageSize = 20;

    /// <summary>The roles the system administrator may give on creation: the business roles and the other two administrators.</summary>
    public static IEnumerable<string> CreatableRoles => Roles.Staff.Where(r => r != Roles.Admin);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var account = await admin.CreateAsync(Me, new CreateStaffRequest(Input.Username, Input.DisplayName, Input.OrganisationId,
                Input.Roles, Input.Password, Input.StaffNumber, Input.Phone), ct);
            Notify(T["已新建工作人员账号 {0}（{1}）。", account.Username, account.DisplayName].Value);
            return RedirectToPage(new { q = account.Username });
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => "Input." + char.ToUpperInvariant(key[0]) + key[1..]);
        }
        Input.Password = null;
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) => ActAsync(() => admin.DisableAsync(Me, id, ct), "账号已停用，其所有登录会话已结束。", ct);

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) => ActAsync(() => admin.EnableAsync(Me, id, ct), "账号已重新启用。", ct);

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        ClearErrors();
        // The answer carries the one-time initial passwords.
        Response.Headers.CacheControl = "no-store";
        try
        {
            await using var file = await ImportUpload.ReadAsync(Request, StaffImport.MaxBytes, ct);
            Imported = await import.RunAsync(Me, file, ct);
        }
        catch (StaffImportRejectedException e)
        {
            ImportErrors = e.Errors;
            AddError("file", e.Message);
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct) =>
        File(await template.CreateAsync(Me, ct), XlsxBook.ContentType, StaffTemplate.FileName);

    private async Task<IActionResult> ActAsync(Func<Task> command, string done, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            await command();
            Notify(T[done].Value);
            return RedirectToPage(new { org = Org, role = Role, status = Status, q = Q, p = P });
        }
        catch (DomainException e)
        {
            AddDomainError(e);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Organisations = await queries.OrganisationsAsync(ct);
        var role = Roles.Staff.Contains(Role ?? "") ? Role : null;
        bool? disabled = Status switch { "active" => false, "disabled" => true, _ => null };
        try
        {
            List = await queries.ListAsync(Me, new StaffFilter(Org, role, disabled, Math.Clamp(P, 1, 100_000), PageSize, Q), ct);
        }
        catch (InvalidInputException e)
        {
            AddError("Q", e.Message);
        }
    }
}
