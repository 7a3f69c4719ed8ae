using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Resources;
using OneSeal.Seal.Administration;

namespace OneSeal.Pages.Admin;

/// <summary>
/// 印章管理: the system administrator sets up each approving organisation's seal, rotates its SM2 key, uploads the
/// impression, names the custodian and reads the usage log.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class SealsModel(SealAdmin seals, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<SealView> Seals { get; private set; } = [];
    public IReadOnlyList<SealCandidate> Candidates { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Staff { get; private set; } = [];
    public Dictionary<Guid, SealUsagePage> Usage { get; } = [];
    /// <summary>Each seal's impression as a data: URL (the page's CSP allows images from data:).</summary>
    public Dictionary<Guid, string> Images { get; } = [];

    [BindProperty] public Guid? OrganisationId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public Guid? CustodianAccountId { get; set; }

    public const int UsageShown = 10;

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => RunAsync(async () =>
    {
        var seal = await seals.CreateAsync(new CreateSealRequest(OrganisationId, Name, CustodianAccountId), Me, ct);
        return T["已为{0}设置印章“{1}”。", seal.OrganisationName, seal.Name].Value;
    }, key => key switch { "organisationId" => "OrganisationId", "name" => "Name", "custodianAccountId" => "CustodianAccountId", _ => key }, ct);

    public Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken ct) => RunAsync(async () =>
    {
        var seal = await seals.RotateAsync(id, Me, ct);
        return T["“{0}”已启用新密钥，旧密钥停用并继续用于核验。", seal.Name].Value;
    }, key => key, ct);

    public Task<IActionResult> OnPostImageAsync(Guid id, IFormFile? file, CancellationToken ct) => RunAsync(async () =>
    {
        var bytes = file is null ? [] : await SealAdminApi.ReadAsync(file, ct);
        var seal = await seals.SetImageAsync(id, bytes, Me, ct);
        return T["“{0}”的印模图片已更新。", seal.Name].Value;
    }, key => key == "file" ? $"file-{id}" : key, ct);

    public Task<IActionResult> OnPostCustodianAsync(Guid id, Guid? accountId, CancellationToken ct) => RunAsync(async () =>
    {
        var seal = await seals.SetCustodianAsync(id, new CustodianRequest(accountId), Me, ct);
        return T["“{0}”的保管人已改为{1}。", seal.Name, seal.CustodianName ?? ""].Value;
    }, key => key is "accountId" or "custodianAccountId" ? $"custodian-{id}" : key, ct);

    private async Task<IActionResult> RunAsync(Func<Task<string>> command, Func<string, string> mapKey, CancellationToken ct)
    {
        ClearErrors();
        try
        {
            Notify(await command());
            return RedirectToPage();
        }
        catch (DomainException e) when (e is not ForbiddenException)
        {
            AddDomainError(e, mapKey);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Seals = await seals.ListAsync(Me, ct);
        Candidates = await seals.CandidatesAsync(Me, ct);
        Staff = await seals.StaffAsync(Me, ct);
        foreach (var s in Seals)
        {
            Usage[s.Id] = await seals.UsageAsync(s.Id, 1, Me, ct);
            if (s.HasImage && await seals.ImageAsync(s.Id, Me, ct) is { } png) Images[s.Id] = "data:image/png;base64," + Convert.ToBase64String(png);
        }
    }

    /// <summary>The key as people compare it: the first and last characters of the public key.</summary>
    public static string Fingerprint(string publicKeyHex) =>
        publicKeyHex.Length > 24 ? $"{publicKeyHex[2..14]}…{publicKeyHex[^10..]}" : publicKeyHex;

    public string KindLabel(string kind) => kind == SealUsage.Certificate ? T["电子证照"].Value : T["法律文书"].Value;
}
