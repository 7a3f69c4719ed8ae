using OneSeal.Catalog;
using OneSeal.Catalog.Versions;

namespace OneSeal.Tests.Catalog.Editing;

/// <summary>The diff between two versions (issue 3 §3): materials by code, limits, fees, steps, other elements; Chinese labels.</summary>
public class ItemDiffTests
{
    private static readonly Dictionary<Guid, string> Names = new()
    {
        [DraftSamples.Bureau.Id] = DraftSamples.Bureau.Name, [DraftSamples.Market.Id] = DraftSamples.Market.Name,
    };

    private static Item Version1() => DraftSamples.Apply(DraftSamples.Valid()).Draft;

    private static Item Copy(Item v1) => ItemVersions.CopyAsDraft(v1, 2, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void Identical_versions_have_no_changes()
    {
        var v1 = Version1();
        ItemDiff.Compare(v1, Copy(v1), Names).ShouldBeEmpty();
    }

    [Fact]
    public void Materials_are_matched_by_code_added_removed_and_changed()
    {
        var v1 = Version1();
        v1.Materials.Add(new ItemMaterial { Code = "M02", Name = "营业执照", Required = true, SortOrder = 1 });
        var v2 = Copy(v1);
        v2.Materials.RemoveAll(m => m.Code == "M02");
        v2.Materials[0].Required = false;
        v2.Materials[0].Copies = 2;
        v2.Materials[0].LegalBasis = null;
        v2.Materials.Add(new ItemMaterial { Code = "M03", Name = "场所证明", Required = true, Source = MaterialSource.CertificateLibrary, SortOrder = 2 });

        var changes = ItemDiff.Compare(v1, v2, Names).Where(c => c.Section == ItemDiff.Materials).ToList();
        changes.ShouldContain(c => c.Kind == ItemChangeKind.Removed && c.Key == "M02" && c.Before!.Contains("营业执照"));
        changes.ShouldContain(c => c.Kind == ItemChangeKind.Added && c.Key == "M03" && c.After!.Contains("证照库调取"));
        changes.ShouldContain(c => c.Key == "M01" && c.Label == "材料“申请书”的是否必交" && c.Before == "必交" && c.After == "选交");
        changes.ShouldContain(c => c.Key == "M01" && c.Label.EndsWith("份数") && c.Before == "1" && c.After == "2");
        changes.ShouldContain(c => c.Key == "M01" && c.Label.EndsWith("设定依据") && c.After == null);
    }

    [Fact]
    public void Limits_fees_and_the_implementing_body_are_shown_in_words()
    {
        var v1 = Version1();
        var v2 = Copy(v1);
        v2.PromisedDays = 3;
        v2.FeeCharged = true;
        v2.FeeAmount = 50m;
        v2.FeeBasis = "物价文件";
        v2.ImplementingOrganisationId = DraftSamples.Market.Id;
        v2.Visits = 0;

        var changes = ItemDiff.Compare(v1, v2, Names);
        changes.ShouldContain(new ItemChange(ItemDiff.Limits, null, "承诺时限", ItemChangeKind.Changed, "5个工作日", "3个工作日"));
        changes.ShouldContain(new ItemChange(ItemDiff.Fees, null, "是否收费", ItemChangeKind.Changed, "否", "是"));
        changes.ShouldContain(new ItemChange(ItemDiff.Fees, null, "收费金额", ItemChangeKind.Changed, null, "50元"));
        changes.ShouldContain(new ItemChange(ItemDiff.Basic, null, "实施主体", ItemChangeKind.Changed, "青山县行政审批局", "青山县市场监督管理局"));
        changes.ShouldContain(c => c.Label == "跑动次数" && c.After == "0次");
    }

    [Fact]
    public void Steps_are_compared_by_kind_share_and_stopping_the_clock()
    {
        var v1 = Version1();
        var v2 = Copy(v1);
        v2.Steps.Single(s => s.Kind == ItemStepKind.Review).SharePercent = 50;
        v2.Steps.Single(s => s.Kind == ItemStepKind.Decide).SharePercent = 30;
        v2.Steps.Add(new ItemStep { Kind = ItemStepKind.SiteInspection, StopsClock = true, SortOrder = 4 });

        var changes = ItemDiff.Compare(v1, v2, Names).Where(c => c.Section == ItemDiff.Steps).ToList();
        changes.ShouldContain(new ItemChange(ItemDiff.Steps, "Review", "环节“审查”的时限占比", ItemChangeKind.Changed, "60%", "50%"));
        changes.ShouldContain(c => c.Kind == ItemChangeKind.Added && c.After == "现场踏勘（中止计时）");
        changes.Count.ShouldBe(3);
    }
}
