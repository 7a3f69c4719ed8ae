using System.Text;
using OneSeal.Catalog.Search;

namespace OneSeal.Tests.Catalog.Search;

/// <summary>The search keys of an item and the parsing of queries (docs/decisions/0005-chinese-search.md), without a database.</summary>
public sealed class SearchKeysTests
{
    [Theory]
    [InlineData('食', "shi")]
    [InlineData('品', "pin")]
    [InlineData('经', "jing")]
    [InlineData('营', "ying")]
    [InlineData('旅', "lv")] // ü is written v
    [InlineData('女', "nv")]
    [InlineData('略', "lve")]
    [InlineData('嗯', "n")] // a syllable without a vowel
    [InlineData('\u3400', "qiu")] // Extension A
    public void Pinyin_gives_the_toneless_reading_of_a_han_character(char c, string reading) =>
        Pinyin.Of(c).ShouldBe(reading);

    [Theory]
    [InlineData('a')]
    [InlineData('（')]
    [InlineData('、')]
    [InlineData('〇')]
    public void Pinyin_has_no_reading_for_other_characters(char c) => Pinyin.Of(c).ShouldBeNull();

    [Fact]
    public void Pinyin_covers_the_unified_block_and_extension_a()
    {
        var unified = Enumerable.Range(0x4E00, 0x9FFF - 0x4E00 + 1).Count(cp => Pinyin.Of(cp) is not null);
        var extensionA = Enumerable.Range(0x3400, 0x4DBF - 0x3400 + 1).Count(cp => Pinyin.Of(cp) is not null);
        unified.ShouldBeGreaterThan(20_000);
        extensionA.ShouldBeGreaterThan(4_000);
        Enumerable.Range(0x3400, 0x9FFF - 0x3400 + 1).Select(Pinyin.Of).OfType<string>()
            .ShouldAllBe(s => s.Length > 0 && s.All(c => c >= 'a' && c <= 'z'));
    }

    [Fact]
    public void Keys_of_a_name_with_full_width_brackets()
    {
        var keys = SearchKeys.Build("食品经营许可（新办）", "QS-XK-003");

        keys.Name.ShouldBe("食品经营许可(新办)");
        keys.Code.ShouldBe("qs-xk-003");
        keys.Initials.ShouldBe("spjyxkxb");
        keys.Pinyin.ShouldBe("shipinjingyingxukexinban");
    }

    [Fact]
    public void Punctuation_is_left_out_of_the_pinyin()
    {
        var keys = SearchKeys.Build("教师资格认定（幼儿园、小学、初级中学）", "QS-XK-010");

        keys.Initials.ShouldBe("jszgrdyeyxxcjzx");
        keys.Pinyin.ShouldBe("jiaoshizigerendingyoueryuanxiaoxuechujizhongxue");
        keys.Name.ShouldBe("教师资格认定(幼儿园、小学、初级中学)");
    }

    [Fact]
    public void Latin_letters_and_digits_are_kept_in_lower_case()
    {
        var keys = SearchKeys.Build("企业开办“1+N”一件事（公司设立登记）", "QS-XK-001");

        keys.Name.ShouldBe("企业开办“1+n”一件事(公司设立登记)");
        keys.Initials.ShouldBe("qykb1nyjsgssldj");
        keys.Pinyin.ShouldBe("qiyekaiban1nyijianshigongsishelidengji");
    }

    [Fact]
    public void Full_width_letters_and_digits_and_white_space_are_normalised()
    {
        SearchKeys.Normalize("  ＥＭＳ　快递 ２０２６ ").ShouldBe("ems快递2026");
        SearchKeys.Build("ＥＭＳ快递", "X").Initials.ShouldBe("emskd");
        SearchKeys.Build("ＥＭＳ快递", "X").Pinyin.ShouldBe("emskuaidi");
    }

    [Fact]
    public void Every_substring_of_the_name_starts_one_of_its_name_terms()
    {
        const string name = "道路旅客运输经营许可（县内及毗邻县）";
        var keys = SearchKeys.Build(name, "QS-XK-019");
        var nameTerms = Terms(keys, SearchKeys.NameTag);

        for (var start = 0; start < keys.Name.Length; start++)
        for (var length = 1; start + length <= keys.Name.Length && length <= SearchKeys.NameChars; length++)
        {
            var sub = keys.Name.Substring(start, length);
            nameTerms.ShouldContain(t => t.StartsWith(sub, StringComparison.Ordinal), $"no name term starts with “{sub}”");
        }
        nameTerms.ShouldAllBe(t => t.Length <= SearchKeys.NameChars);
    }

    [Fact]
    public void Pinyin_terms_start_at_syllables_and_initials_terms_at_every_letter()
    {
        var keys = SearchKeys.Build("食品经营许可（新办）", "QS-XK-003");

        var pinyin = Terms(keys, SearchKeys.PinyinTag);
        pinyin.ShouldContain("shipinjingyingxukexinban"[..SearchKeys.PinyinChars]);
        pinyin.ShouldContain("jingyingxukexinban");
        pinyin.ShouldContain("ban");
        pinyin.ShouldNotContain(t => t.StartsWith("ingying", StringComparison.Ordinal));
        Terms(keys, SearchKeys.InitialsTag).ShouldBe(["b", "jyxkxb", "kxb", "pjyxkxb", "spjyxkxb", "xb", "xkxb", "yxkxb"], ignoreOrder: true);
        Terms(keys, SearchKeys.CodeTag).ShouldContain("xk-003");
    }

    [Fact]
    public void A_chinese_query_is_matched_against_names_only()
    {
        var q = SearchKeys.Parse(" 经营许可 ")!;

        q.Text.ShouldBe("经营许可");
        q.Initials.ShouldBeNull();
        q.MatchesCode.ShouldBeFalse();
        q.Ranges.Select(r => (char)r.From[0]).ShouldBe(['N', 'n']); // names starting with it, names containing it
        q.Exact.Select(e => (char)e[0]).ShouldBe(['N']);
        q.NeedsCheck.ShouldBeFalse();
    }

    [Fact]
    public void Letters_are_matched_against_initials_pinyin_code_and_name()
    {
        var q = SearchKeys.Parse("ＳＰＪＹ")!;

        q.Text.ShouldBe("spjy");
        q.Initials.ShouldBe("spjy");
        q.Pinyin.ShouldBe("spjy");
        q.MatchesCode.ShouldBeTrue();
        q.Ranges.Select(r => (char)r.From[0]).ShouldBe(['N', 'n', 'C', 'c', 'I', 'i', 'P', 'p']);
    }

    [Fact]
    public void The_suffix_that_is_the_whole_key_has_an_upper_case_tag()
    {
        var all = SearchKeys.Build("食品经营许可（新办）", "QS-XK-003").Terms.Select(t => Encoding.UTF8.GetString(t)).ToList();

        all.ShouldContain("N食品经营许可(新办)");
        all.ShouldNotContain("n食品经营许可(新办)");
        all.ShouldContain("n经营许可(新办)");
        all.ShouldContain("Ispjyxkxb");
        all.ShouldContain("Pshipinjingyingxukexinban"[..(1 + SearchKeys.PinyinChars)]);
        all.ShouldContain("Cqs-xk-003");
        all.Where(t => t[0] < 'a').Count().ShouldBe(4);
    }

    [Fact]
    public void A_query_shorter_than_the_cut_can_match_a_whole_key_exactly()
    {
        SearchKeys.Parse("食品经营许可（新办）")!.Exact.Select(e => Encoding.UTF8.GetString(e)).ShouldBe(["N食品经营许可(新办)"]);
        SearchKeys.Parse(new string('食', SearchKeys.NameChars))!.Exact.ShouldBeEmpty(); // cut: a longer name would look equal
    }

    [Fact]
    public void A_code_with_a_hyphen_is_not_pinyin()
    {
        var q = SearchKeys.Parse("XK-003")!;

        q.Initials.ShouldBeNull();
        q.MatchesCode.ShouldBeTrue();
    }

    [Fact]
    public void A_mixed_query_is_tried_as_pinyin_too()
    {
        var q = SearchKeys.Parse("食品jy")!;

        q.Initials.ShouldBe("spjy");
        q.Pinyin.ShouldBe("shipinjy");
        q.MatchesCode.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void An_empty_query_matches_everything(string? q) => SearchKeys.Parse(q).ShouldBeNull();

    [Fact]
    public void A_query_longer_than_the_indexed_suffixes_must_be_checked()
    {
        SearchKeys.Parse(new string('食', SearchKeys.NameChars))!.NeedsCheck.ShouldBeFalse();
        SearchKeys.Parse(new string('食', SearchKeys.NameChars + 1))!.NeedsCheck.ShouldBeTrue();
    }

    [Fact]
    public void A_character_outside_the_basic_plane_is_never_split()
    {
        var name = new string('食', SearchKeys.NameChars - 1) + "𠀀"; // U+20000: a surrogate pair across the cut
        var keys = SearchKeys.Build(name, "X");

        Terms(keys, SearchKeys.NameTag).ShouldAllBe(t => !char.IsHighSurrogate(t[t.Length - 1]));
        keys.Terms.ShouldAllBe(t => Encoding.UTF8.GetString(t).IndexOf('\uFFFD') < 0);
    }

    // ------------------------------------------------------------------ the semantics, evaluated as the database does

    private static readonly (string Code, string Name)[] Catalog =
    [
        ("QS-XK-003", "食品经营许可（新办）"),
        ("QS-XK-004", "食品生产许可（新办）"),
        ("QS-XK-005", "药品零售企业经营许可（新办）"),
        ("QS-XK-020", "道路货物运输经营许可（危险货物运输除外）"),
        ("QS-XK-013", "建设工程规划许可证核发"),
        ("QS-XK-001", "企业开办“1+N”一件事（公司设立登记）"),
    ];

    [Theory]
    [InlineData("食品", "QS-XK-003 QS-XK-004")]
    [InlineData("经营许可", "QS-XK-003 QS-XK-005 QS-XK-020")]
    [InlineData("许", "QS-XK-003 QS-XK-004 QS-XK-005 QS-XK-020 QS-XK-013")]
    [InlineData("食品经营许可(新办)", "QS-XK-003")]
    [InlineData("spjy", "QS-XK-003")]
    [InlineData("jyxk", "QS-XK-003 QS-XK-005 QS-XK-020")]
    [InlineData("shipin", "QS-XK-003 QS-XK-004")]
    [InlineData("jingying", "QS-XK-003 QS-XK-005 QS-XK-020")]
    [InlineData("Shi Pin", "QS-XK-003 QS-XK-004")]
    [InlineData("ingying", "")] // pinyin is matched from a syllable on
    [InlineData("xk-00", "QS-XK-003 QS-XK-004 QS-XK-005 QS-XK-001")]
    [InlineData("1+n", "QS-XK-001")]
    [InlineData("食品jy", "QS-XK-003")]
    [InlineData("食品jingying", "QS-XK-003")]
    [InlineData("不存在的事项", "")]
    [InlineData("道路货物运输经营许可（危险货物", "QS-XK-020")] // longer than the indexed suffixes: candidates, then checked
    public void Queries_find_the_items_that_contain_them(string query, string codes)
    {
        var q = SearchKeys.Parse(query)!;
        var found = Catalog.Where(i => Matches(SearchKeys.Build(i.Name, i.Code), q)).Select(i => i.Code);

        found.ShouldBe(codes.Split(' ', StringSplitOptions.RemoveEmptyEntries), ignoreOrder: true);
    }

    /// <summary>What SearchAsync asks the database: a term in a range, then (for long queries) the substring check.</summary>
    private static bool Matches(ItemSearchText keys, SearchQuery q)
    {
        var inRange = keys.Terms.Any(t => q.Ranges.Any(r => t.AsSpan().SequenceCompareTo(r.From) >= 0 && t.AsSpan().SequenceCompareTo(r.To) < 0));
        if (!inRange || !q.NeedsCheck) return inRange;
        return keys.Name.Contains(q.Text) || (q.MatchesCode && keys.Code.Contains(q.Text))
            || (q.Initials is not null && (keys.Initials.Contains(q.Initials) || keys.Pinyin.Contains(q.Pinyin!)));
    }

    [Theory]
    [InlineData("食品", "QS-XK-003:1 QS-XK-004:1")]
    [InlineData("经营许可", "QS-XK-003:2 QS-XK-005:2 QS-XK-020:2")]
    [InlineData("食品经营许可(新办)", "QS-XK-003:0")]
    [InlineData("spjy", "QS-XK-003:1")]
    [InlineData("spjyxkxb", "QS-XK-003:0")]
    [InlineData("jingying", "QS-XK-003:2 QS-XK-005:2 QS-XK-020:2")]
    [InlineData("qs-xk-00", "QS-XK-003:1 QS-XK-004:1 QS-XK-005:1 QS-XK-001:1")]
    public void Matches_are_ranked_exact_then_starting_then_containing(string query, string expected)
    {
        var q = SearchKeys.Parse(query)!;
        var ranked = Catalog.Select(i => (i.Code, Rank: Rank(SearchKeys.Build(i.Name, i.Code), q))).Where(x => x.Rank is not null)
            .Select(x => $"{x.Code}:{x.Rank}");

        ranked.ShouldBe(expected.Split(' '), ignoreOrder: true);
    }

    /// <summary>The rank SearchSql computes: the best of the matching terms (exact 0, upper-case tag 1, else 2).</summary>
    private static int? Rank(ItemSearchText keys, SearchQuery q)
    {
        var matching = keys.Terms.Where(t => q.Ranges.Any(r => t.AsSpan().SequenceCompareTo(r.From) >= 0 && t.AsSpan().SequenceCompareTo(r.To) < 0)).ToList();
        if (matching.Count == 0) return null;
        return matching.Min(t => q.Exact.Any(e => e.AsSpan().SequenceEqual(t)) ? 0 : t.AsSpan().SequenceCompareTo(SearchKeys.FirstLowerTag) < 0 ? 1 : 2);
    }

    /// <summary>The suffixes of one key (either tag case), without the tag.</summary>
    private static List<string> Terms(ItemSearchText keys, byte tag) =>
        keys.Terms.Where(t => t[0] == tag || t[0] == SearchKeys.Starting(tag)).Select(t => Encoding.UTF8.GetString(t, 1, t.Length - 1)).ToList();
}
