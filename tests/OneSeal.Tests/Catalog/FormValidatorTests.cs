using OneSeal.Catalog;
using OneSeal.Platform.Http;

namespace OneSeal.Tests.Catalog;

public class FormValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static readonly ItemFormField[] Fields =
    [
        new() { Key = "enterpriseName", Label = "企业名称", Type = FormFieldType.Text, Required = true, SortOrder = 0 },
        new() { Key = "uscc", Label = "统一社会信用代码", Type = FormFieldType.Uscc, Required = true, SortOrder = 1 },
        new() { Key = "legalRepresentativeIdNumber", Label = "法定代表人身份证号", Type = FormFieldType.CitizenId, Required = true, SortOrder = 2 },
        new() { Key = "phone", Label = "联系电话", Type = FormFieldType.Phone, Required = false, SortOrder = 3 },
    ];

    private static Dictionary<string, string?> Valid() => new()
    {
        ["enterpriseName"] = "青山县味道餐饮管理有限公司",
        ["uscc"] = "91350100M000100Y43",
        ["legalRepresentativeIdNumber"] = "11010519491231002x",
        ["phone"] = "13807960001",
    };

    [Fact]
    public void A_valid_form_is_normalised()
    {
        var clean = FormValidator.Validate(Fields, Valid(), Today, requireAll: true);
        clean["legalRepresentativeIdNumber"].ShouldBe("11010519491231002X");
    }

    [Fact]
    public void A_wrong_citizen_id_check_character_names_the_field_and_the_standard()
    {
        var form = Valid();
        form["legalRepresentativeIdNumber"] = "110105194912310021";
        var e = Should.Throw<InvalidInputsException>(() => FormValidator.Validate(Fields, form, Today, true));
        e.Errors.ContainsKey("form.legalRepresentativeIdNumber").ShouldBeTrue();
        e.Errors["form.legalRepresentativeIdNumber"][0].ShouldContain("GB 11643");
    }

    [Fact]
    public void A_wrong_uscc_check_character_names_the_field_and_the_standard()
    {
        var form = Valid();
        form["uscc"] = "91350100M000100Y44";
        var e = Should.Throw<InvalidInputsException>(() => FormValidator.Validate(Fields, form, Today, true));
        e.Errors["form.uscc"][0].ShouldContain("GB 32100");
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var form = Valid();
        form["uscc"] = "bad";
        form["phone"] = "12345";
        form.Remove("enterpriseName");
        form["unknownField"] = "x";
        var e = Should.Throw<InvalidInputsException>(() => FormValidator.Validate(Fields, form, Today, true));
        e.Errors.Keys.ShouldBe(["form.unknownField", "form.enterpriseName", "form.uscc", "form.phone"], ignoreOrder: true);
    }

    [Fact]
    public void A_draft_may_leave_required_fields_empty()
    {
        var form = Valid();
        form.Remove("enterpriseName");
        FormValidator.Validate(Fields, form, Today, requireAll: false).ContainsKey("enterpriseName").ShouldBeFalse();
    }
}
