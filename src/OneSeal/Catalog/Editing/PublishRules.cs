namespace OneSeal.Catalog.Editing;

/// <summary>What a version needs before it may be published, beyond what a draft may be saved with.</summary>
public static class PublishRules
{
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
