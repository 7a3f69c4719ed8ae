using OneSeal.Platform.Http;
using OneSeal.Platform.Security;

namespace OneSeal.Catalog.Editing;

/// <summary>What a version needs before it may be published, beyond what a draft may be saved with.</summary>
public static class PublishRules
{
    public const string FourEyes = "four-eyes";

    /// <summary>
    /// 四眼原则: a version of the catalog, which every guide and case follows, is published by a second administrator,
    /// never by the one who submitted it for review. Transfer batches are exempt: each carries the numbered document
    /// that decided it, and the batch records who entered it (TransferCommands).
    /// </summary>
    public static void SubmitterCannotPublish(Item version, Actor actor)
    {
        if (version.SubmittedById == actor.Id)
            throw new ForbiddenException(FourEyes, "四眼原则：提交审核的人不能发布同一版本，请由另一位事项管理员审核发布。");
    }

    public static List<CatalogProblem> Check(Item version)
    {
        var problems = new List<CatalogProblem>();
        if (string.IsNullOrWhiteSpace(version.LegalBasis))
            problems.Add(new("legalBasis", "legal-basis-required", "没有设定依据的事项不能发布（无法律法规依据的一律取消）。"));
        if (version.Materials.Count == 0)
            problems.Add(new("materials", "materials-required", "没有申请材料的事项不能发布，请至少列出一项材料。"));
        if (string.IsNullOrWhiteSpace(version.Conditions))
            problems.Add(new("conditions", "required", "请填写受理条件后再发布。"));
        if (version.FormFields.Count == 0)
            problems.Add(new("formFields", "required", "请至少设置一个申请表单项后再发布。"));
        return problems;
    }
}
