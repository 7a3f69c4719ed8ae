using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Transfers;
using OneSeal.Organisation;
using OneSeal.Platform.Http;
using OneSeal.Platform.Time;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin;

/// <summary>划转批次: the batches registered so far, and a form to register a new one (items picked by department).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class TransfersModel(TransferCommands commands, TransferQueries queries, TransferCandidates candidates,
    TimeProvider clock, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public IReadOnlyList<TransferBatchView> Batches { get; private set; } = [];
    public IReadOnlyList<TransferCandidate> Candidates { get; private set; } = [];
    /// <summary>Bodies the bureau may entrust (every agency but the bureau).</summary>
    public IReadOnlyList<Agency> Entrustable { get; private set; } = [];

    [BindProperty] public string? DocumentNumber { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? EffectiveOn { get; set; }
    [BindProperty] public string? Window { get; set; } = TransferCommands.DefaultWindow;
    [BindProperty] public List<string> Selected { get; set; } = [];
    /// <summary>Item code → the entrusted body's agency code ("" for none).</summary>
    [BindProperty] public Dictionary<string, string?> Entrusted { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        EffectiveOn = LegalDates.Today(clock).ToString("yyyy-MM-dd");
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ClearErrors();
        try
        {
            var items = Selected.Select(code => new TransferItemRequest(code, Entrusted.GetValueOrDefault(code))).ToList();
            var batch = await commands.CreateAsync(Me, new TransferRequest(DocumentNumber, Title, EffectiveOn, items, Window), ct);
            Notify(T["划转批次 {0} 已登记，{1} 个事项自 {2} 起由行政审批局实施。", batch.DocumentNumber, batch.Items.Count, batch.EffectiveOn.ToString("yyyy-MM-dd")].Value);
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            AddDomainError(e, key => key.StartsWith("items", StringComparison.Ordinal) ? "Selected" : key switch
            {
                "documentNumber" => "DocumentNumber", "title" => "Title", "effectiveOn" => "EffectiveOn", "window" => "Window", _ => key,
            });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Batches = await queries.ListAsync(ct);
        Candidates = await candidates.ListAsync(ct);
        Entrustable = await candidates.EntrustableAsync(ct);
    }
}
