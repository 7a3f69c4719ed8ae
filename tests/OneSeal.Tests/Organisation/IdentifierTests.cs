using FsCheck;
using FsCheck.Fluent;
using OneSeal.Organisation.Identifiers;

namespace OneSeal.Tests.Organisation.Identifiers;

// Fixtures below were computed with an independent script, not with the code under test.
public class CitizenIdNumberTests
{
    private static readonly DateOnly Today = new(2025, 6, 30);

    private static CitizenIdNumber Parsed(string input)
    {
        CitizenIdNumber.TryParse(input, Today, out var value, out var error).ShouldBeTrue(error);
        error.ShouldBeNull();
        return value;
    }

    private static string ErrorFor(string? input)
    {
        CitizenIdNumber.TryParse(input, Today, out var value, out var error).ShouldBeFalse();
        value.ShouldBe(default);
        return error.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("11010519491231002X")] // the widely published GB 11643 sample
    [InlineData("440304198501012342")]
    [InlineData("110105200002291235")] // 2000-02-29: a leap day
    public void Valid_number_with_correct_Mod11_2_check_character_is_accepted(string input)
    {
        Parsed(input).Value.ShouldBe(input);
    }

    [Fact]
    public void Lowercase_x_check_character_is_accepted_and_normalised_to_upper_case()
    {
        Parsed("11010519491231002x").Value.ShouldBe("11010519491231002X");
    }

    [Fact]
    public void Surrounding_whitespace_is_ignored()
    {
        Parsed(" 11010519491231002X\t").Value.ShouldBe("11010519491231002X");
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310020")]
    [InlineData("440304198501012343")]
    public void Wrong_check_character_is_rejected_citing_GB_11643(string input)
    {
        ErrorFor(input).ShouldBe("身份证号码校验码不正确（GB 11643）");
    }

    [Theory]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X0")]
    [InlineData("110105491231002")] // first-generation 15-digit numbers are not accepted
    public void Number_that_is_not_18_characters_is_rejected(string input)
    {
        ErrorFor(input).ShouldBe("身份证号码应为18位");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_number_is_rejected(string? input)
    {
        ErrorFor(input).ShouldBe("身份证号码不能为空");
    }

    [Theory]
    [InlineData("1101051949123100XX")]
    [InlineData("11010519491231002Y")]
    [InlineData("1101051949１231002X")] // full-width digit
    public void Non_digit_outside_the_check_position_is_rejected(string input)
    {
        ErrorFor(input).ShouldBe("身份证号码前17位应为数字，末位应为数字或X");
    }

    [Theory]
    [InlineData("110105199002301231")] // 30 February
    [InlineData("11010519900229123X")] // 29 February in a non-leap year
    [InlineData("11010519901301123X")] // month 13
    [InlineData("110105189912311237")] // before 1900
    public void Impossible_birth_date_is_rejected_even_with_a_correct_check_character(string input)
    {
        ErrorFor(input).ShouldBe("身份证号码中的出生日期无效");
    }

    [Fact]
    public void Birth_date_after_today_is_rejected()
    {
        ErrorFor("110105202507011234").ShouldBe("身份证号码中的出生日期晚于当前日期");
    }

    [Fact]
    public void Birth_date_equal_to_today_is_accepted()
    {
        Parsed("11010520250630123X").Value.ShouldBe("11010520250630123X");
    }

    [Fact]
    public void Masked_shows_first_6_and_last_4_characters()
    {
        Parsed("11010519491231002X").Masked.ShouldBe("110105********002X");
    }

    [Fact]
    public void ToString_is_masked_so_logs_never_hold_the_full_number()
    {
        $"{Parsed("11010519491231002X")}".ShouldBe("110105********002X");
    }

    [Fact]
    public void Default_value_has_empty_value_rather_than_null()
    {
        default(CitizenIdNumber).Value.ShouldBe(string.Empty);
    }

    // 6-digit address code + a birth date between 1900-01-01 and Today + 3-digit sequence code.
    private static readonly Gen<string> ValidFirst17 =
        from address in Gen.Choose(0, 999_999)
        from dayOffset in Gen.Choose(0, Today.DayNumber - new DateOnly(1900, 1, 1).DayNumber)
        from sequence in Gen.Choose(0, 999)
        select $"{address:D6}{new DateOnly(1900, 1, 1).AddDays(dayOffset):yyyyMMdd}{sequence:D3}";

    [Fact]
    public void Property_any_valid_first_17_digits_with_computed_check_character_is_accepted()
    {
        Prop.ForAll(ValidFirst17.ToArbitrary(), first17 =>
                CitizenIdNumber.TryParse(first17 + CitizenIdNumber.ComputeCheckCharacter(first17), Today, out _, out _))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Property_changing_any_single_character_to_another_allowed_one_is_rejected()
    {
        const string digits = "0123456789";
        const string checkChars = "0123456789X";
        var mutations =
            from first17 in ValidFirst17
            from position in Gen.Choose(0, 17)
            from shift in Gen.Choose(1, position == 17 ? checkChars.Length - 1 : digits.Length - 1)
            select (Valid: first17 + CitizenIdNumber.ComputeCheckCharacter(first17), Position: position, Shift: shift);

        Prop.ForAll(mutations.ToArbitrary(), m =>
            {
                var allowed = m.Position == 17 ? checkChars : digits;
                var original = allowed.IndexOf(m.Valid[m.Position]);
                var mutated = m.Valid.ToCharArray();
                mutated[m.Position] = allowed[(original + m.Shift) % allowed.Length];
                return !CitizenIdNumber.TryParse(new string(mutated), Today, out _, out _);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}

public class UnifiedSocialCreditCodeTests
{
    private static UnifiedSocialCreditCode Parsed(string input)
    {
        UnifiedSocialCreditCode.TryParse(input, out var value, out var error).ShouldBeTrue(error);
        error.ShouldBeNull();
        return value;
    }

    private static string ErrorFor(string? input)
    {
        UnifiedSocialCreditCode.TryParse(input, out var value, out var error).ShouldBeFalse();
        value.ShouldBe(default);
        return error.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("91350100M000100Y43")] // the published GB 32100 sample
    [InlineData("91110108MA01ABCD1E")]
    [InlineData("91440300MA5EXAMP1F")]
    public void Valid_code_with_correct_Mod31_check_character_is_accepted(string input)
    {
        Parsed(input).Value.ShouldBe(input);
    }

    [Theory]
    [InlineData("121000004000000010")]
    [InlineData("914403007152600140")]
    public void Weighted_sum_divisible_by_31_gives_check_character_0_not_31(string input)
    {
        Parsed(input).Value.ShouldBe(input);
    }

    [Fact]
    public void Lowercase_code_is_accepted_and_normalised_to_upper_case()
    {
        Parsed("91350100m000100y43").Value.ShouldBe("91350100M000100Y43");
    }

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100Y4A")]
    [InlineData("91350100M000100Y40")]
    public void Wrong_check_character_is_rejected_citing_GB_32100(string input)
    {
        ErrorFor(input).ShouldBe("统一社会信用代码校验码不正确（GB 32100）");
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    [InlineData("M000100Y4")] // a bare organisation code is not a credit code
    public void Code_that_is_not_18_characters_is_rejected(string input)
    {
        ErrorFor(input).ShouldBe("统一社会信用代码应为18位");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Missing_code_is_rejected(string? input)
    {
        ErrorFor(input).ShouldBe("统一社会信用代码不能为空");
    }

    [Theory]
    [InlineData("91350100I000100Y43")]
    [InlineData("91350100O000100Y43")]
    [InlineData("91350100S000100Y43")]
    [InlineData("91350100V000100Y43")]
    [InlineData("91350100Z000100Y43")]
    [InlineData("91350100M000100Y4-")]
    [InlineData("91350100Ｍ000100Y43")] // full-width letter
    public void Letters_I_O_S_V_Z_and_other_characters_outside_the_charset_are_rejected(string input)
    {
        ErrorFor(input).ShouldBe("统一社会信用代码含有不允许的字符");
    }

    [Fact]
    public void Non_digit_in_region_code_positions_3_to_8_is_rejected_even_with_a_correct_check_character()
    {
        ErrorFor("91A50100M000100Y42").ShouldBe("统一社会信用代码第3至8位（登记管理机关行政区划码）应为数字");
    }

    [Fact]
    public void Masked_shows_first_6_and_last_4_characters()
    {
        Parsed("91350100M000100Y43").Masked.ShouldBe("913501********0Y43");
    }

    [Fact]
    public void ToString_is_masked()
    {
        $"{Parsed("91350100M000100Y43")}".ShouldBe("913501********0Y43");
    }

    private static readonly Gen<char> AnyAllowed = Gen.Elements(UnifiedSocialCreditCode.Charset.ToCharArray());
    private static readonly Gen<char> Digit = Gen.Elements("0123456789".ToCharArray());

    // Positions 1-2 and 9-17 from the full charset; positions 3-8 (region code) digits only.
    private static readonly Gen<string> ValidFirst17 =
        from head in Gen.ArrayOf(AnyAllowed, 2)
        from region in Gen.ArrayOf(Digit, 6)
        from tail in Gen.ArrayOf(AnyAllowed, 9)
        select new string([.. head, .. region, .. tail]);

    [Fact]
    public void Property_any_valid_first_17_characters_with_computed_check_character_is_accepted()
    {
        Prop.ForAll(ValidFirst17.ToArbitrary(), first17 =>
                UnifiedSocialCreditCode.TryParse(first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17), out _, out _))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(500));
    }

    [Fact]
    public void Property_changing_any_single_character_to_another_allowed_one_is_rejected()
    {
        const string charset = UnifiedSocialCreditCode.Charset;
        var mutations =
            from first17 in ValidFirst17
            from position in Gen.Choose(0, 17)
            from shift in Gen.Choose(1, charset.Length - 1)
            select (Valid: first17 + UnifiedSocialCreditCode.ComputeCheckCharacter(first17), Position: position, Shift: shift);

        Prop.ForAll(mutations.ToArbitrary(), m =>
            {
                var mutated = m.Valid.ToCharArray();
                mutated[m.Position] = charset[(charset.IndexOf(m.Valid[m.Position]) + m.Shift) % charset.Length];
                return !UnifiedSocialCreditCode.TryParse(new string(mutated), out _, out _);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }
}

public class IdentifierMaskingTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "李")]
    [InlineData("", "")]
    [InlineData("𠮷明", "𠮷*")] // surrogate-pair surname counts as one character
    [InlineData(" 王五 ", "王*")]
    public void MaskName_keeps_only_the_first_character(string name, string expected)
    {
        Masking.MaskName(name).ShouldBe(expected);
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("19900001111", "199****1111")]
    public void MaskPhone_shows_prefix_and_last_4_of_an_11_digit_mobile(string phone, string expected)
    {
        Masking.MaskPhone(phone).ShouldBe(expected);
    }

    [Theory]
    [InlineData("010-12345678", "010*******78")]
    [InlineData("059112345678", "059*******78")]
    [InlineData("123456", "123*56")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void MaskPhone_keeps_first_3_and_last_2_of_other_numbers_and_hides_short_ones(string phone, string expected)
    {
        Masking.MaskPhone(phone).ShouldBe(expected);
    }

    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("91350100M000100Y43", "913501********0Y43")]
    [InlineData("13812345678", "138****5678")]
    [InlineData("010-12345678", "010*******78")]
    public void MaskIdentity_picks_the_mask_by_the_shape_of_the_code(string code, string expected)
    {
        Masking.MaskIdentity(code).ShouldBe(expected);
    }
}
