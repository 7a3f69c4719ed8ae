using OneSeal.Catalog;
using OneSeal.Catalog.Editing;
using OneSeal.Organisation;

namespace OneSeal.Tests.Catalog.Editing;

/// <summary>A complete, publishable draft input naming the demo county's bureau and market regulator, for the rule tests.</summary>
public static class DraftSamples
{
    public static readonly Agency Bureau = new() { Id = Guid.NewGuid(), Code = "XZSPJ", Name = "青山县行政审批局", Kind = OrganisationKind.Bureau, RegionCode = "360999" };
    public static readonly Agency Market = new() { Id = Guid.NewGuid(), Code = "SCJGJ", Name = "青山县市场监督管理局", Kind = OrganisationKind.Department, RegionCode = "360999" };

    public static readonly CatalogLookups Lookups = new(
        new Dictionary<string, Agency> { [Bureau.Code] = Bureau, [Market.Code] = Market },
        new HashSet<string> { "E-OPEN" }, new HashSet<string> { "YYZZ" });

    public static ItemDraftInput Valid(string code = "QS-T-001") => new()
    {
        Code = code, Name = "测试许可", Category = "行政许可", Kind = "Promised", ServiceObject = "Both",
        CompetentDepartment = "SCJGJ", ImplementingBody = "XZSPJ", SupervisingDepartment = "SCJGJ",
        StatutoryDays = 20, PromisedDays = 5, LegalBasis = "《测试条例》第三条", Conditions = "符合条件", Visits = 1, OnlineDepth = 3,
        ResultName = "测试许可证",
        Materials = [new() { Code = "M01", Name = "申请书", Required = true, LegalBasis = "《测试条例》第四条", BlankForm = true }],
        Steps =
        [
            new() { Kind = "Accept", SharePercent = 10 }, new() { Kind = "Review", SharePercent = 60 },
            new() { Kind = "Decide", SharePercent = 20 }, new() { Kind = "Deliver", SharePercent = 10 },
        ],
        FormFields = [new() { Key = "name", Label = "申请人", Type = "Text", Required = true }],
        Themes = ["E-OPEN"],
    };

    public static Item EmptyDraft(string code = "QS-T-001") => new()
    {
        Id = Guid.NewGuid(), Code = code, Version = 1, Status = ItemVersionStatus.Draft,
        Name = "", Category = "", LegalBasis = "", Conditions = "", ResultName = "", ResultTypeCode = "",
    };

    /// <summary>A draft written from <paramref name="input"/>, with the problems found.</summary>
    public static (Item Draft, List<CatalogProblem> Problems) Apply(ItemDraftInput input)
    {
        var draft = EmptyDraft(input.Code ?? "QS-T-001");
        return (draft, ItemDraftMapper.Apply(draft, input, Lookups));
    }
}
