using System.Globalization;
using static OneSeal.Notices.NoticeFields;

namespace OneSeal.Notices;

/// <summary>What one notice says: every value it prints, the issuer, the date and where the QR code leads.</summary>
public sealed record NoticeSheet(
    NoticeKind Kind,
    string Title,
    string Number,
    string IssuerName,
    string Addressee,
    string CaseNumber,
    string ItemName,
    DateOnly IssuedOn,
    IReadOnlyList<KeyValuePair<string, string>> Fields,
    string VerifyUrl,
    string ReconsiderationBody,
    string Court)
{
    /// <summary>The issuer's uploaded seal impression (PNG); null prints the standard seal drawn with the issuer's name.</summary>
    public byte[]? SealPng { get; init; }
}

public abstract record NoticeBlock;
/// <summary>A body paragraph (first line indented).</summary>
public sealed record NoticeParagraph(string Text) : NoticeBlock;
/// <summary>Numbered items (一、二、 … for points of a notice; 1. 2. … for materials).</summary>
public sealed record NoticeList(IReadOnlyList<string> Items, bool ChineseNumerals) : NoticeBlock;
/// <summary>Label–value rows.</summary>
public sealed record NoticeTable(IReadOnlyList<KeyValuePair<string, string>> Rows) : NoticeBlock;

/// <summary>
/// The legal wording of each kind of notice, filled with its fields (Administrative Licensing Law arts. 32, 38, 42, 44,
/// 45; Administrative Reconsideration Law art. 20; Administrative Litigation Law art. 46).
/// </summary>
public static class NoticeText
{
    public const string Law = "《中华人民共和国行政许可法》";
    public const string UncountedProcedures = "听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审";

    /// <summary>行政复议 within 60 days, or 行政诉讼 within 6 months, each from receipt.</summary>
    public static string AppealRights(string reconsiderationBody, string court) =>
        $"你（单位）如不服本决定，可以自收到本决定书之日起六十日内向{reconsiderationBody}申请行政复议，"
        + $"也可以自收到本决定书之日起六个月内直接向{court}提起行政诉讼"
        + "（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。";

    public static IReadOnlyList<NoticeBlock> Body(NoticeSheet s)
    {
        var f = s.Fields;
        var used = new HashSet<string> { ApplicationDate, ReconsiderationBody, Court };
        string? V(string key) { used.Add(key); return Value(f, key); }
        string? D(string key) => V(key) is { } d ? Date(d) : null;
        var issued = Date(s.IssuedOn);
        var intro = $"你（单位）{(D(ApplicationDate) is { } applied ? $"于{applied}" : "")}提出的{s.ItemName}申请（办件编号：{s.CaseNumber}）";
        var acceptedOn = D(AcceptanceDate) is { } a ? $"本机关已于{a}依法受理" : "本机关已依法受理";
        var blocks = new List<NoticeBlock>();
        void P(string text) => blocks.Add(new NoticeParagraph(text));

        switch (s.Kind)
        {
            case NoticeKind.Acceptance:
                P($"{intro}，申请材料齐全、符合法定形式。根据{Law}第三十二条第一款第（五）项的规定，本机关决定予以受理，受理日期为{D(AcceptanceDate) ?? issued}。");
                P($"本机关将自受理之日起{V(TimeLimit) ?? "二十个工作日"}内作出行政许可决定{(D(DueDate) is { } due ? $"（办结期限：{due}）" : "")}。"
                  + $"依法需要{UncountedProcedures}的，所需时间不计算在上述期限内，本机关将书面告知。");
                P("你（单位）可以凭办件编号在政务服务网或者政务服务中心窗口查询办理进度。");
                P("特此通知。");
                break;

            case NoticeKind.CorrectionRequest:
                P($"{intro}，经审查，申请材料不齐全或者不符合法定形式。根据{Law}第三十二条第一款第（四）项的规定，现一次性告知你（单位）需要补正的全部内容如下：");
                blocks.Add(new NoticeList(Values(f, Material), ChineseNumerals: false));
                used.Add(Material);
                if (V(CorrectionNote) is { } note) P(note);
                P("以上为需要补正的全部内容。补正材料不设期限，你（单位）可以随时提交；提交的补正材料齐全、符合法定形式的，本机关即予受理，"
                  + "作出行政许可决定的期限自受理之日起计算。本机关审查补正材料时，仅就新提交的材料提出意见。");
                P("特此通知。");
                break;

            case NoticeKind.Refusal:
                P($"{intro}，经审查，{Clause(V(Reason)!)}。根据{Basis(V(LegalBasis), "第三十二条第一款")}的规定，本机关决定不予受理。");
                if (V(CompetentAgency) is { } agency) P($"请你（单位）向{agency}提出申请。");
                P(AppealRights(s.ReconsiderationBody, s.Court));
                break;

            case NoticeKind.Suspension:
                var procedure = V(Procedure)!;
                var from = D(SuspendedOn);
                P($"{intro}，{acceptedOn}。在审查过程中，依法需要进行{procedure}。根据{Law}第四十五条的规定，现将审批期限中止计算的有关事项告知如下：");
                blocks.Add(new NoticeList(
                [
                    $"程序种类：{procedure}。",
                    $"中止理由：{Clause(V(Reason)!)}。",
                    $"预计所需时间：{V(ExpectedDays)}个工作日{(from is null ? "" : $"，自{from}起")}。",
                    $"{procedure}所需时间不计算在本机关作出行政许可决定的期限内。审批期限自{from ?? "本告知书签发之日"}起中止计算，"
                    + $"{procedure}完成后恢复计算，本机关将另行书面通知。",
                ], ChineseNumerals: true));
                P("特此告知。");
                break;

            case NoticeKind.Resumption:
                var why = V(Procedure) ?? (V(Reason) is { } r ? Clause(r) : null);
                P($"{intro}，本机关曾依照{Law}第四十五条的规定{(why is null ? "" : $"因{why}")}中止计算审批期限"
                  + $"{(D(SuspendedOn) is { } stopped ? $"（中止日期：{stopped}）" : "")}。现中止情形已经消除，本机关自{D(ResumedOn) ?? issued}起恢复审查，审批期限继续计算。");
                var after = new List<string>();
                if (V(PausedDays) is { } paused) after.Add($"中止期间共{paused}个工作日，不计入审批期限");
                if (D(DueDate) is { } newDue) after.Add($"办结期限相应顺延至{newDue}");
                if (after.Count > 0) P(string.Join("；", after) + "。");
                P("特此通知。");
                break;

            case NoticeKind.Extension:
                var joint = IsJoint(f);
                used.Add(JointHandling);
                P($"{intro}，{acceptedOn}。因{Clause(V(Reason)!)}，本机关不能在{(joint ? "四十五" : "二十")}个工作日内作出行政许可决定。"
                  + $"根据{Law}第四十二条{(joint ? "第二款" : "第一款")}的规定，经{(joint ? "本级人民政府负责人" : "本机关负责人")}批准，"
                  + $"审批期限延长{V(ExtensionDays)}个工作日{(D(DueDate) is { } extendedDue ? $"，延长后的办结期限为{extendedDue}" : "")}。");
                P($"依法需要{UncountedProcedures}的，所需时间仍不计算在审批期限内。");
                P("特此告知。");
                break;

            case NoticeKind.Approval:
                P($"{intro}，{acceptedOn}。经审查，你（单位）的申请符合法定条件、标准。根据{Basis(V(LegalBasis), "第三十八条第一款")}的规定，本机关决定准予行政许可。");
                var granted = new List<KeyValuePair<string, string>>();
                foreach (var key in (string[])[LicenceContent, CertificateName, CertificateNumber, Validity])
                    if (V(key) is { } value) granted.Add(new(key, value));
                if (granted.Count > 0) blocks.Add(new NoticeTable(granted));
                P($"本机关将自作出本决定之日起十个工作日内向你（单位）颁发、送达行政许可证件（{Law}第四十四条）。");
                P("特此决定。");
                break;

            case NoticeKind.Denial:
                P($"{intro}，{acceptedOn}。经审查，{Clause(V(Reason)!)}，你（单位）的申请不符合法定条件、标准。"
                  + $"根据{Basis(V(LegalBasis), "第三十八条第二款")}的规定，本机关决定不予行政许可。");
                P(AppealRights(s.ReconsiderationBody, s.Court));
                break;

            case NoticeKind.DeliveryReceipt:
                var rows = new List<KeyValuePair<string, string>>
                {
                    new(DeliveredDocument, V(DeliveredDocument) ?? "—"),
                    new("事项名称", s.ItemName),
                    new("办件编号", s.CaseNumber),
                    new(Recipient, V(Recipient)!),
                    new(DeliveryMode, V(DeliveryMode)!),
                    new(DeliveryDate, D(DeliveryDate)!),
                };
                if (V(TrackingNumber) is { } tracking) rows.Add(new(TrackingNumber, tracking));
                if (V(DeliveryPlace) is { } place) rows.Add(new(DeliveryPlace, place));
                rows.Add(new("受送达人签名（盖章）", V(SignedBy) ?? ""));
                blocks.Add(new NoticeTable(rows));
                P($"行政许可决定依照{Law}第四十四条，自作出决定之日起十个工作日内送达。电子送达的，以文书到达受送达人电子送达地址之日为送达日期。");
                break;

            case NoticeKind.Withdrawal:
                P($"你（单位）于{D(WithdrawnOn) ?? issued}申请撤回{s.ItemName}申请（办件编号：{s.CaseNumber}）"
                  + $"{(V(Reason) is { } reason ? $"，撤回理由：{Clause(reason)}" : "")}。经核实，本机关确认该申请已经撤回，对该申请的审查即行终止。");
                P("撤回申请不影响你（单位）依法重新提出申请。");
                P("特此确认。");
                break;

            case NoticeKind.FeeNotice:
                P($"{intro}，本机关已依法作出准予行政许可决定。{(V(FeeBasis) is { } feeBasis ? $"根据{Clause(feeBasis)}，" : "")}你（单位）应缴纳下列费用：");
                var fee = new List<KeyValuePair<string, string>> { new(FeeItem, V(FeeItem) ?? s.ItemName), new(FeeAmount, V(FeeAmount)!) };
                if (V(FeeAmountInWords) is { } words) fee.Add(new(FeeAmountInWords, words));
                fee.Add(new(PaymentCode, V(PaymentCode)!));
                blocks.Add(new NoticeTable(fee));
                P("请凭本通知书或非税缴款码到政务服务中心集中收费窗口缴纳，或通过非税收入缴款平台缴纳。费用缴清后，凭取件码到综合出件窗口领取审批结果。");
                P("特此通知。");
                break;

            case NoticeKind.Revocation:
                P($"本机关对{intro}作出准予行政许可决定{(V(CertificateNumber) is { } revokedNumber ? $"（证照编号：{revokedNumber}）" : "")}。"
                  + $"经核查，{Clause(V(Reason)!)}。根据{Basis(V(LegalBasis), "第六十九条")}的规定，本机关决定撤销该行政许可，原行政许可证件同时失效。");
                P(AppealRights(s.ReconsiderationBody, s.Court));
                break;

            case NoticeKind.Termination:
                P($"{intro}，{acceptedOn}。因{Clause(V(Reason)!)}，{(V(LegalBasis) is { } basis ? $"根据{basis}的规定，" : "")}本机关决定终止对该申请的审查。");
                P(AppealRights(s.ReconsiderationBody, s.Court));
                break;
        }

        // Anything else the caller asked to print, as given, after the body.
        var rest = f.Where(x => !used.Contains(x.Key)).Select(x => new KeyValuePair<string, string>(x.Key, IsDate(x.Key) ? Date(x.Value) : x.Value)).ToList();
        if (rest.Count > 0)
        {
            var at = blocks.FindLastIndex(b => b is NoticeParagraph { Text: "特此通知。" or "特此告知。" or "特此决定。" or "特此确认。" });
            blocks.Insert(at < 0 ? blocks.Count : at, new NoticeTable(rest));
        }
        return blocks;
    }

    public static string Date(DateOnly d) => d.ToString("yyyy年M月d日", CultureInfo.InvariantCulture);

    /// <summary>yyyy-MM-dd (as stored) → 2026年3月2日; anything else unchanged.</summary>
    public static string Date(string isoOrText) =>
        DateOnly.TryParseExact(isoOrText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : isoOrText;

    /// <summary>A reason as a clause inside a sentence: no closing full stop of its own.</summary>
    private static string Clause(string text) => text.Trim().TrimEnd('。', '；', ';', '.', '，', ',');

    private static string Basis(string? extra, string article) =>
        extra is null ? $"{Law}{article}" : $"{Law}{article}及{Clause(extra)}";

    /// <summary>一、二、… for the points of a notice.</summary>
    public static string ChineseNumeral(int n)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        if (n < 10) return digits[n];
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        return n.ToString(CultureInfo.InvariantCulture);
    }
}
