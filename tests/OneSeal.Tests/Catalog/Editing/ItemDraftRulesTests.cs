using OneSeal.Catalog;
using OneSeal.Catalog.Editing;
using OneSeal.Organisation;

namespace OneSeal.Tests.Catalog.Editing;

/// <summary>The catalog's rules on a draft (issue 3 §12): each broken rule names its field and rule, all at once.</summary>
public class ItemDraftRulesTests
{
    private static void ShouldHave(List<CatalogProblem> problems, string field, string rule) =>
        problems.ShouldContain(p => p.Field == field && p.Rule == rule, $"expected {field}/{rule}; got {string.Join(", ", problems.Select(p => p.Field + "/" + p.Rule))}");

    [Fact]
    public void A_complete_draft_has_no_problems_and_may_be_published()
    {
        var (draft, problems) = DraftSamples.Apply(DraftSamples.Valid());
        problems.ShouldBeEmpty();
        PublishRules.Check(draft).ShouldBeEmpty();
        draft.Materials.Single().Code.ShouldBe("M01");
        draft.ImplementingOrganisationId.ShouldBe(DraftSamples.Bureau.Id);
    }

    [Fact]
    public void A_promised_limit_over_the_statutory_one_is_refused()
    {
        var (_, problems) = DraftSamples.Apply(DraftSamples.Valid() with { StatutoryDays = 10, PromisedDays = 12 });
        ShouldHave(problems, "promisedDays", "promised-exceeds-statutory");
    }

    [Fact]
    public void A_promised_limit_beyond_article_42_is_refused_unless_the_item_is_joint()
    {
        var (_, problems) = DraftSamples.Apply(DraftSamples.Valid() with { StatutoryDays = 30, PromisedDays = 25 });
        ShouldHave(problems, "promisedDays", "beyond-legal-limit");
        problems.Single(p => p.Rule == "beyond-legal-limit").Message.ShouldContain("第四十二条");

        var (_, joint) = DraftSamples.Apply(DraftSamples.Valid() with { Kind = "Joint", StatutoryDays = 30, PromisedDays = 25, JointDepartments = ["XZSPJ"] });
        joint.ShouldNotContain(p => p.Rule == "beyond-legal-limit");
    }

    [Fact]
    public void An_unknown_department_is_named_by_its_field()
    {
        var (_, problems) = DraftSamples.Apply(DraftSamples.Valid() with { CompetentDepartment = "NOPE", SupervisingDepartment = "ALSO-NOPE" });
        ShouldHave(problems, "competentDepartment", "unknown-department");
        ShouldHave(problems, "supervisingDepartment", "unknown-department");
    }

    [Fact]
    public void Publishing_needs_materials_and_a_legal_basis()
    {
        var (draft, problems) = DraftSamples.Apply(DraftSamples.Valid() with { Materials = [], LegalBasis = " " });
        problems.ShouldBeEmpty();
        var publish = PublishRules.Check(draft);
        ShouldHave(publish, "materials", "materials-required");
        ShouldHave(publish, "legalBasis", "legal-basis-required");
    }

    [Fact]
    public void Step_shares_that_do_not_add_up_to_100_are_refused()
    {
        var input = DraftSamples.Valid();
        var (_, problems) = DraftSamples.Apply(input with
        {
            Steps = [.. input.Steps!.Take(3), new StepInput { Kind = "Deliver", SharePercent = 5 }, new StepInput { Kind = "Hearing", SharePercent = 0, StopsClock = true }],
        });
        ShouldHave(problems, "steps", "shares-sum");
        problems.Single(p => p.Rule == "shares-sum").Message.ShouldContain("95%");
    }

    [Fact]
    public void Every_problem_of_a_row_names_the_row()
    {
        var input = DraftSamples.Valid();
        var (_, problems) = DraftSamples.Apply(input with
        {
            Materials = [.. input.Materials!, new MaterialInput { Code = "M01", Name = "", Copies = 0 }, new MaterialInput { Code = "M 3", Name = "x", Tolerable = true }],
        });
        ShouldHave(problems, "materials[1].code", "duplicate");
        ShouldHave(problems, "materials[1].name", "required");
        ShouldHave(problems, "materials[1].copies", "range");
        ShouldHave(problems, "materials[2].code", "pattern");
        ShouldHave(problems, "materials[2].tolerable", "tolerable-not-required");
    }

    [Fact]
    public void Script_in_item_text_is_kept_as_inert_text_for_the_pages_to_encode()
    {
        const string script = "<script>alert(1)</script>";
        var input = DraftSamples.Valid();
        var (draft, problems) = DraftSamples.Apply(input with
        {
            Name = script + "许可", Conditions = script,
            Materials = [input.Materials![0] with { Name = script }],
        });
        problems.ShouldBeEmpty();
        draft.Name.ShouldBe(script + "许可");
        draft.Conditions.ShouldBe(script);
        draft.Materials[0].Name.ShouldBe(script);
    }

    [Fact]
    public void A_version_reads_back_as_the_input_that_saves_it()
    {
        var input = DraftSamples.Valid();
        var (draft, _) = DraftSamples.Apply(input);
        var codes = new Dictionary<Guid, string> { [DraftSamples.Bureau.Id] = "XZSPJ", [DraftSamples.Market.Id] = "SCJGJ" };
        var back = ItemDraftSource.From(draft, codes);
        var (again, problems) = DraftSamples.Apply(back);
        problems.ShouldBeEmpty();
        back.ImplementingBody.ShouldBe("XZSPJ");
        back.Materials!.Single().LegalBasis.ShouldBe("《测试条例》第四条");
        again.PromisedDays.ShouldBe(5);
        again.Steps.Select(s => s.Kind).ShouldBe([ItemStepKind.Accept, ItemStepKind.Review, ItemStepKind.Decide, ItemStepKind.Deliver]);
    }

    // Issue 8, defect 1: the holder (持证主体) is read from required form fields of the right type, all three elements or none.
    [Fact]
    public void Defect01_a_holder_mapping_names_required_form_fields_of_the_code_type()
    {
        var form = new List<FormFieldInput>
        {
            new() { Key = "enterpriseName", Label = "企业名称", Type = "Text", Required = true },
            new() { Key = "uscc", Label = "统一社会信用代码", Type = "Uscc", Required = true },
            new() { Key = "note", Label = "备注", Type = "Text", Required = false },
        };
        var (draft, ok) = DraftSamples.Apply(DraftSamples.Valid() with
        {
            FormFields = form, HolderNameField = "enterpriseName", HolderCodeField = "uscc", HolderCodeType = "001",
        });
        ok.ShouldBeEmpty();
        (draft.HolderNameField, draft.HolderCodeField, draft.HolderCodeType).ShouldBe(("enterpriseName", "uscc", "001"));

        var (_, problems) = DraftSamples.Apply(DraftSamples.Valid() with
        {
            FormFields = form, HolderNameField = "note", HolderCodeField = "uscc", HolderCodeType = "111",
        });
        ShouldHave(problems, "holderNameField", "field-required");
        ShouldHave(problems, "holderCodeField", "field-type");
        problems.Single(p => p.Field == "holderCodeField").Message.ShouldContain("身份证号码");

        var (_, partial) = DraftSamples.Apply(DraftSamples.Valid() with { FormFields = form, HolderNameField = "enterpriseName" });
        ShouldHave(partial, "holderCodeField", "required");
        ShouldHave(partial, "holderCodeType", "required");
        var (_, unknown) = DraftSamples.Apply(DraftSamples.Valid() with { FormFields = form, HolderNameField = "enterpriseName", HolderCodeField = "uscc", HolderCodeType = "01" });
        ShouldHave(unknown, "holderCodeType", "unknown-value");
    }

    // Issue 8, defect 7: a bad enumeration value is answered with the values to type and their Chinese names.
    [Fact]
    public void Defect07_an_unknown_enumeration_value_is_explained_with_chinese_names()
    {
        var (_, problems) = DraftSamples.Apply(DraftSamples.Valid() with { Kind = "Fast" });
        var message = problems.Single(p => p.Field == "kind").Message;
        message.ShouldContain("Promised（承诺件）");
        message.ShouldContain("Immediate（即办件）");
    }

    [Fact]
    public void The_handling_section_is_an_open_section_of_the_implementing_organisation()
    {
        Agency Section(string code, Agency parent, bool closed = false) => new()
        {
            Id = Guid.NewGuid(), Code = code, Name = code, Kind = OrganisationKind.Section, ParentId = parent.Id, RegionCode = "360999",
            ClosedAt = closed ? DateTimeOffset.UnixEpoch : null,
        };
        var own = Section("XZSPJ-SCZR", DraftSamples.Bureau);
        var lookups = new CatalogLookups(
            new[] { DraftSamples.Bureau, DraftSamples.Market, own, Section("SCJGJ-XZSP", DraftSamples.Market), Section("XZSPJ-OLD", DraftSamples.Bureau, closed: true) }
                .ToDictionary(a => a.Code),
            DraftSamples.Lookups.Themes, DraftSamples.Lookups.MaterialTypes);
        List<CatalogProblem> Check(string? section, out Item draft)
        {
            draft = DraftSamples.EmptyDraft();
            return ItemDraftMapper.Apply(draft, DraftSamples.Valid() with { HandlingSection = section }, lookups);
        }

        Check("XZSPJ-SCZR", out var named).ShouldBeEmpty();
        named.HandlingSectionId.ShouldBe(own.Id);
        ItemDraftSource.From(named, lookups.Agencies.Values.ToDictionary(a => a.Id, a => a.Code)).HandlingSection.ShouldBe("XZSPJ-SCZR");
        Check(" ", out var none).ShouldBeEmpty();
        none.HandlingSectionId.ShouldBe(null, "empty: the version names no section");
        ShouldHave(Check("SCJGJ-XZSP", out _), "handlingSection", "section-of-implementing-body");
        ShouldHave(Check("SCJGJ", out _), "handlingSection", "section-of-implementing-body");
        ShouldHave(Check("XZSPJ-OLD", out _), "handlingSection", "closed");
        ShouldHave(Check("NOPE", out _), "handlingSection", "unknown-department");
    }
}
