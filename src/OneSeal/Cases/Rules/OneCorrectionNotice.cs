using OneSeal.Catalog;
using OneSeal.Platform.Http;

namespace OneSeal.Cases.Rules;

/// <summary>
/// 一次性告知 (Art. 32): the first correction notice lists everything missing or defective. A later notice on the
/// same application may only concern what the applicant newly submitted after the previous notice.
/// </summary>
public static class OneCorrectionNotice
{
    public const string Rule = "correction-once";

    public static void EnsureOnlyNewlySubmitted(Case c, IReadOnlyList<string> codes, IReadOnlyList<ItemMaterial> materials)
    {
        if (c.CorrectionRequestedAt is not { } previous) return;
        var resubmitted = c.Materials.Where(m => m.UploadedAt >= previous).Select(m => m.MaterialCode).ToHashSet();
        var old = codes.Where(code => !resubmitted.Contains(code)).ToList();
        if (old.Count == 0) return;
        throw new InvalidInputException("missing", Rule,
            "补正须一次性告知：再次补正只能针对申请人新提交的材料，以下材料不在其中：" +
            string.Join("、", materials.Where(m => old.Contains(m.Code)).Select(m => m.Name)));
    }
}
