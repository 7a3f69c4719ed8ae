namespace OneSeal.Catalog.Editing;

/// <summary>
/// The lists of a draft: materials, process steps, form fields, joint departments, themes. Rows are updated in place
/// by their natural key (material code, step position, field key) so a save never deletes and re-inserts the same
/// unique key in one statement batch.
/// </summary>
internal static class DraftLists
{
    private static readonly ItemStepKind[] Standard = [ItemStepKind.Accept, ItemStepKind.Review, ItemStepKind.Decide, ItemStepKind.Deliver];

    public static void Apply(Item draft, ItemDraftInput input, CatalogLookups lookups, Problems p)
    {
        Materials(draft, input.Materials ?? [], lookups, p);
        Steps(draft, input.Steps ?? [], p);
        FormFields(draft, input.FormFields ?? [], p);
        HolderMappingRules.Apply(draft, input, p);
        JointDepartments(draft, input.JointDepartments ?? [], lookups, p);
        Themes(draft, input.Themes ?? [], lookups, p);
    }

    /// <summary>The rows with their positions; a null row (<c>"materials":[null]</c>) is reported at its position and skipped.</summary>
    private static IEnumerable<(T Row, int Index)> Present<T>(IReadOnlyList<T?> rows, string list, string label, Problems p) where T : class
    {
        for (var i = 0; i < rows.Count; i++)
            if (rows[i] is { } row) yield return (row, i);
            else p.Add($"{list}[{i}]", "required", $"第{i + 1}个{label}为空。");
    }

    private static void Materials(Item draft, List<MaterialInput> rows, CatalogLookups lookups, Problems p)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<ItemMaterial>();
        foreach (var (m, i) in Present(rows, "materials", "材料", p))
        {
            var f = $"materials[{i}]";
            var code = p.Required(m.Code, $"{f}.code", $"第{i + 1}项材料的编码", 32);
            if (code != "" && !ItemDraftMapper.IsCode(code)) p.Add($"{f}.code", "pattern", $"第{i + 1}项材料的编码只能含字母、数字和“-”。");
            if (code != "" && !seen.Add(code)) p.Add($"{f}.code", "duplicate", $"材料编码“{code}”重复。");
            var row = draft.Materials.FirstOrDefault(x => x.Code == code && !kept.Contains(x))
                ?? new ItemMaterial { Id = Guid.NewGuid(), ItemId = draft.Id, Code = code, Name = "" };
            row.Name = p.Required(m.Name, $"{f}.name", $"第{i + 1}项材料的名称", 200);
            row.Required = m.Required;
            row.Tolerable = m.Tolerable;
            if (m.Tolerable && !m.Required) p.Add($"{f}.tolerable", "tolerable-not-required", $"第{i + 1}项材料不是必交材料，无需容缺。");
            if (m.Tolerable && m.BlankForm) p.Add($"{f}.tolerable", "key-material", $"第{i + 1}项材料是申请书（表），属于核心材料，不能容缺。");
            row.ReplaceableByCommitment = m.ReplaceableByCommitment;
            if (m.ReplaceableByCommitment && !draft.CommitmentApproval)
                p.Add($"{f}.replaceableByCommitment", "commitment-not-allowed", $"第{i + 1}项材料：本事项未实行告知承诺制，材料不能以告知承诺代替。");
            else if (m.ReplaceableByCommitment && (!m.Required || m.BlankForm))
                p.Add($"{f}.replaceableByCommitment", "not-replaceable", $"第{i + 1}项材料{(m.BlankForm ? "是申请书（表），不能以告知承诺代替" : "不是必交材料，无需以告知承诺代替")}。");
            row.Description = p.Text(m.Description, $"{f}.description", $"第{i + 1}项材料的说明", 1000);
            row.Source = p.Enum(m.Source, $"{f}.source", $"第{i + 1}项材料的来源", MaterialSource.Applicant, required: false);
            row.Form = p.Enum(m.Form, $"{f}.form", $"第{i + 1}项材料的形式", MaterialForm.Both, required: false);
            row.Copies = m.Copies is null ? 1 : p.Range(m.Copies, $"{f}.copies", $"第{i + 1}项材料的份数", 1, 20) ?? 1;
            row.MaterialTypeCode = p.Text(m.MaterialType, $"{f}.materialType", $"第{i + 1}项材料的类型", 32);
            if (row.MaterialTypeCode is not null && !lookups.MaterialTypes.Contains(row.MaterialTypeCode))
            {
                p.Add($"{f}.materialType", "unknown-material-type", $"材料类型“{row.MaterialTypeCode}”不存在。");
                row.MaterialTypeCode = null;
            }
            row.LegalBasis = p.Text(m.LegalBasis, $"{f}.legalBasis", $"第{i + 1}项材料的设定依据", 1000);
            row.BlankForm = m.BlankForm;
            row.SortOrder = i;
            kept.Add(row);
        }
        Replace(draft.Materials, kept);
    }

    private static void Steps(Item draft, List<StepInput> rows, Problems p)
    {
        if (rows.Count == 0) { p.Add("steps", "required", "请填写办理环节（至少包括受理、审查、决定、送达）。"); return; }
        var kept = new List<ItemStep>();
        foreach (var (s, i) in Present(rows, "steps", "办理环节", p))
        {
            var f = $"steps[{i}]";
            var row = draft.Steps.FirstOrDefault(x => x.SortOrder == i) ?? new ItemStep { Id = Guid.NewGuid(), ItemId = draft.Id, SortOrder = i };
            row.Kind = p.Enum(s.Kind, $"{f}.kind", $"第{i + 1}个环节", ItemStepKind.Review);
            row.StopsClock = s.StopsClock;
            row.SharePercent = p.Range(s.SharePercent ?? 0, $"{f}.sharePercent", $"第{i + 1}个环节的时限占比", 0, 100) ?? 0;
            if (row.StopsClock && row.SharePercent != 0)
                p.Add($"{f}.sharePercent", "stopped-step-share", $"第{i + 1}个环节不计入办理时限（《行政许可法》第四十五条），时限占比应为0。");
            if (row.StopsClock && Standard.Contains(row.Kind))
                p.Add($"{f}.stopsClock", "standard-step-counts", $"受理、审查、决定、送达环节计入办理时限，不能停止计时。");
            kept.Add(row);
        }
        foreach (var kind in Standard)
            if (kept.Count(s => s.Kind == kind) != 1)
                p.Add("steps", "standard-steps", $"办理环节应各有且只有一个受理、审查、决定、送达（缺少或重复：{ItemLabels.Of(kind)}）。");
        var total = kept.Where(s => !s.StopsClock).Sum(s => s.SharePercent);
        if (total != 100) p.Add("steps", "shares-sum", $"计时环节的时限占比合计应为100%，现为{total}%。");
        Replace(draft.Steps, kept);
    }

    private static void FormFields(Item draft, List<FormFieldInput> rows, Problems p)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<ItemFormField>();
        foreach (var (x, i) in Present(rows, "formFields", "表单项", p))
        {
            var f = $"formFields[{i}]";
            var key = p.Required(x.Key, $"{f}.key", $"第{i + 1}个表单项的标识", 64);
            if (key != "" && !ItemDraftMapper.IsKey(key)) p.Add($"{f}.key", "pattern", $"表单项标识“{key}”应以字母开头，只含字母、数字和下划线。");
            if (key != "" && !seen.Add(key)) p.Add($"{f}.key", "duplicate", $"表单项标识“{key}”重复。");
            var row = draft.FormFields.FirstOrDefault(y => y.Key == key && !kept.Contains(y))
                ?? new ItemFormField { Id = Guid.NewGuid(), ItemId = draft.Id, Key = key, Label = "" };
            row.Label = p.Required(x.Label, $"{f}.label", $"第{i + 1}个表单项的名称", 128);
            row.Type = p.Enum(x.Type, $"{f}.type", $"第{i + 1}个表单项的类型", FormFieldType.Text, required: false);
            row.Required = x.Required;
            row.SortOrder = i;
            kept.Add(row);
        }
        Replace(draft.FormFields, kept);
    }

    private static void JointDepartments(Item draft, List<string> codes, CatalogLookups lookups, Problems p)
    {
        var ids = new List<Guid>();
        foreach (var (code, i) in codes.Select((c, i) => (c, i)))
            if (p.Agency(lookups, code, $"jointDepartments[{i}]", "联办部门") is { } id && !ids.Contains(id)) ids.Add(id);
        if (draft.Kind == ItemKind.Joint && ids.Count == 0) p.Add("jointDepartments", "required", "联办件应至少填写一个联办部门。");
        draft.JointDepartments.RemoveAll(j => !ids.Contains(j.AgencyId));
        foreach (var id in ids.Where(id => draft.JointDepartments.All(j => j.AgencyId != id)))
            draft.JointDepartments.Add(new ItemJointDepartment { ItemId = draft.Id, AgencyId = id });
    }

    private static void Themes(Item draft, List<string> codes, CatalogLookups lookups, Problems p)
    {
        var wanted = new List<string>();
        foreach (var (code, i) in codes.Select((c, i) => (c?.Trim() ?? "", i)))
        {
            if (!lookups.Themes.Contains(code)) p.Add($"themes[{i}]", "unknown-theme", $"主题“{code}”不存在。");
            else if (!wanted.Contains(code)) wanted.Add(code);
        }
        draft.Themes.RemoveAll(t => !wanted.Contains(t.ThemeCode));
        foreach (var code in wanted.Where(c => draft.Themes.All(t => t.ThemeCode != c)))
            draft.Themes.Add(new ItemTheme { ItemId = draft.Id, ThemeCode = code });
    }

    private static void Replace<T>(List<T> list, List<T> kept)
    {
        list.RemoveAll(x => !kept.Contains(x));
        foreach (var x in kept.Where(x => !list.Contains(x))) list.Add(x);
    }
}
