using System.Text.Json;
using OneSeal.Cases;

namespace OneSeal.Pages.Admin;

/// <summary>How an audit line reads on the auditor's page: actions and entity kinds by their Chinese names, details as text.</summary>
public static class AuditDisplay
{
    private static readonly Dictionary<string, string> Actions = new(StringComparer.Ordinal)
    {
        ["auth.sign-in"] = "登录",
        ["auth.sign-in-failed"] = "登录失败",
        ["auth.sign-in-refused-locked"] = "账号锁定期间尝试登录",
        ["auth.locked-out"] = "账号被锁定",
        ["auth.sign-out"] = "退出登录",
        ["auth.refresh-token-reused"] = "刷新令牌被重复使用",
        ["account.create-admin"] = "命令行创建系统管理员",
        ["audit.verified"] = "核验审计记录",
        ["certificate.signed"] = "证照生成并签章",
        ["certificate.revoked"] = "撤销证照",
        ["notice.issued"] = "文书生成并签章",
        ["document.retry"] = "重新生成文书",
        ["catalog.draft.save"] = "保存事项草稿",
        ["catalog.draft.import"] = "导入事项草稿",
        ["catalog.submit"] = "提交事项审核",
        ["catalog.return"] = "退回事项草稿",
        ["catalog.publish"] = "发布事项版本",
        ["catalog.discard"] = "放弃事项草稿",
        ["catalog.supersede"] = "事项版本被替代",
        ["catalog.import"] = "导入事项清单",
        ["transfer.batch-created"] = "登记划转批次",
        ["calendar.year-added"] = "录入年度工作日历",
        ["calendar.year-amended"] = "修改年度工作日历",
        ["calendar.closure-added"] = "登记停止办公日",
        ["seal.created"] = "创建印章",
        ["seal.rotated"] = "更换印章密钥",
        ["seal.image-uploaded"] = "上传印模图片",
        ["seal.custodian-changed"] = "变更印章保管人",
        ["personal-data.forms-encrypted"] = "加密历史申请表",
    };

    /// <summary>The actions the search form offers (a prefix such as "case" matches all of its actions).</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Choices =
    [
        ("auth", "登录与会话"), ("case", "办件办理"), ("certificate", "证照"), ("notice", "文书"), ("seal", "印章"),
        ("catalog", "事项清单"), ("calendar", "工作日历"), ("account", "账号"), ("staff", "工作人员"), ("organisation", "机构"),
        ("audit", "审计核验"),
    ];

    private static readonly Dictionary<string, string> Entities = new(StringComparer.Ordinal)
    {
        ["case"] = "办件", ["case_notice"] = "文书", ["certificate"] = "证照", ["account"] = "账号", ["item"] = "事项",
        ["catalog"] = "事项清单", ["transfer-batch"] = "划转批次", ["calendar-year"] = "工作日历", ["calendar-day"] = "停止办公日",
        ["audit"] = "审计记录", ["seal"] = "印章", ["organisation"] = "机构", ["staff"] = "工作人员", ["platform"] = "系统",
    };

    public static string Action(string code)
    {
        if (Actions.TryGetValue(code, out var label)) return label;
        if (code.StartsWith("case.", StringComparison.Ordinal)) return CaseActions.Label(code["case.".Length..]);
        return code;
    }

    public static string Entity(string type) => Entities.GetValueOrDefault(type, type);

    /// <summary>Entities that are one of a kind (the trail itself, the platform): the kind says it all, no id follows.</summary>
    public static bool NamesItself(string type) => type is "audit" or "platform";

    /// <summary>
    /// A detail as lines a person reads: a JSON object becomes "key：value" lines (nested values flattened to text), any
    /// other text stays as it is.
    /// </summary>
    public static IReadOnlyList<string> Detail(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail)) return [];
        var text = detail.Trim();
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                return Lines(json.RootElement, "").ToList();
            }
            catch (JsonException) { }
        }
        return [text];
    }

    private static IEnumerable<string> Lines(JsonElement e, string prefix) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Lines(p.Value, prefix.Length == 0 ? p.Name : $"{prefix}.{p.Name}")),
        JsonValueKind.Array => [$"{Label(prefix)}{string.Join("、", e.EnumerateArray().Select(Scalar))}"],
        _ => [$"{Label(prefix)}{Scalar(e)}"],
    };

    private static string Label(string key) => key.Length == 0 ? "" : key + "：";

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.True => "是",
        JsonValueKind.False => "否",
        JsonValueKind.Null => "—",
        JsonValueKind.Object or JsonValueKind.Array => string.Join("，", Lines(e, "")),
        _ => e.GetRawText(),
    };
}
