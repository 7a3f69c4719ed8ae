using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using OneSeal.Catalog.Reform;
using OneSeal.Organisation;
using OneSeal.Pages.Shared;
using OneSeal.Resources;

namespace OneSeal.Pages.Admin.Catalog;

/// <summary>改革成效: the county's and each department's figures, with bar charts drawn on the server.</summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Monitor + "," + Roles.Chief)]
public sealed class StatsModel(ReformStatsQuery query, IStringLocalizer<Ui> t) : OneSealPageModel(t)
{
    public ReformStats Stats { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Stats = await query.RunAsync(ct);

    public BarChart TransferredChart => new("chart-transferred", T["各部门事项数与已划转事项数"],
        T["每个主管部门在施行事项总数与其中已划转到行政审批局的事项数。"],
        [new(T["事项总数"]), new(T["已划转"])],
        Stats.Departments.Select(d => new BarRow(d.Department, [d.Items, d.Transferred])).ToList());

    public BarChart CompressionChart => new("chart-compression", T["各部门承诺时限压缩比例"],
        T["压缩比例 = 1 − 承诺时限之和 ÷ 法定时限之和，只计有法定时限的事项。"],
        [new(T["压缩比例"])],
        Stats.Departments.Where(d => d.Compression is not null).Select(d => new BarRow(d.Department, [d.Compression!.Value])).ToList(),
        Percent: true);

    public BarChart MaterialsChart => new("chart-materials", T["各部门申请材料：首次发布与现在"],
        T["每个主管部门在施行事项的申请材料数，与这些事项首次发布版本的材料数比较。"],
        [new(T["首次发布"]), new(T["现在"])],
        Stats.Departments.Select(d => new BarRow(d.Department, [d.MaterialsFirst, d.MaterialsNow])).ToList());
}
