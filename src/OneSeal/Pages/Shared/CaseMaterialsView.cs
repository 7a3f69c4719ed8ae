using OneSeal.Cases;

namespace OneSeal.Pages;

/// <summary>Model of the materials table: the case and where its files download from (null: names only).</summary>
public sealed record CaseMaterialsView(CaseQueries.CaseDetail Detail, string? DownloadBase);
