using OneSeal.Seal;

namespace OneSeal.Catalog.Editing;

/// <summary>
/// 持证主体 of a version: the required form fields that name the licensed entity and give its code, with the code's
/// GB/T 36903 type, so a result is made out to the entity the form names (the shop, not the person who filed). All three
/// set, or none (the applicant's own account is the holder — for an enterprise item, the enterprise).
/// </summary>
internal static class HolderMappingRules
{
    public static void Apply(Item draft, ItemDraftInput input, Problems p)
    {
        draft.HolderNameField = p.Text(input.HolderNameField, "holderNameField", "持证主体名称字段", 64);
        draft.HolderCodeField = p.Text(input.HolderCodeField, "holderCodeField", "持证主体代码字段", 64);
        draft.HolderCodeType = p.Text(input.HolderCodeType, "holderCodeType", "持证主体代码类型", 3);
        if (draft.HolderNameField is null && draft.HolderCodeField is null && draft.HolderCodeType is null) return;

        const string allOrNone = "持证主体的名称字段、代码字段和代码类型须同时填写（都不填则以申请人为持证主体）。";
        if (draft.HolderCodeType is null) p.Add("holderCodeType", "required", allOrNone);
        else if (!HolderCodeTypes.IsKnown(draft.HolderCodeType))
            p.Add("holderCodeType", "unknown-value", "持证主体代码类型应为：" + string.Join("、", HolderCodeTypes.All.Select(t => $"{t}（{HolderCodeTypes.Label(t)}）")) + "。");
        Field(draft, draft.HolderNameField, "holderNameField", "持证主体名称", FormFieldType.Text, allOrNone, p);
        if (HolderCodeTypes.IsKnown(draft.HolderCodeType))
            Field(draft, draft.HolderCodeField, "holderCodeField", "持证主体代码", CodeFieldType(draft.HolderCodeType!), allOrNone, p);
        else if (draft.HolderCodeField is null) p.Add("holderCodeField", "required", allOrNone);
    }

    /// <summary>A citizen ID is read from a citizen-ID field, a credit code from a credit-code field, other codes from text.</summary>
    public static FormFieldType CodeFieldType(string codeType) => codeType switch
    {
        HolderCodeTypes.CitizenId => FormFieldType.CitizenId,
        HolderCodeTypes.CreditCode => FormFieldType.Uscc,
        _ => FormFieldType.Text,
    };

    private static void Field(Item draft, string? key, string field, string label, FormFieldType type, string allOrNone, Problems p)
    {
        if (key is null) { p.Add(field, "required", allOrNone); return; }
        var f = draft.FormFields.FirstOrDefault(x => x.Key == key);
        if (f is null) p.Add(field, "unknown-field", $"{label}应取自申请表中的表单项，申请表中没有标识为“{key}”的表单项。");
        else if (f.Type != type) p.Add(field, "field-type", $"{label}应取自“{ItemLabels.Of(type)}”类表单项，“{f.Label}”是“{ItemLabels.Of(f.Type)}”类。");
        else if (!f.Required) p.Add(field, "field-required", $"表单项“{f.Label}”给出{label}，应设为必填。");
    }
}
