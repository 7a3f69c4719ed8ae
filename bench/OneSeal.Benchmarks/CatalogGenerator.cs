namespace OneSeal.Benchmarks;

/// <summary>
/// A generated catalog of realistic item names, built from the parts county catalogs are made of: a subject
/// ("食品", "道路货物运输"), an act ("经营许可", "设立登记"), sometimes a qualifier ("（新办）", "（县内及毗邻县）").
/// Deterministic for a given seed; names repeat as they do in real catalogs (the same act for several subjects and
/// stages); codes are unique.
/// </summary>
public static class CatalogGenerator
{
    public sealed record GeneratedItem(string Code, string Name, string Category, int Department);

    public static readonly string[] Subjects =
    [
        "食品", "小餐饮", "食品小作坊", "药品零售企业", "药品批发企业", "医疗器械经营", "第二类医疗器械", "化妆品生产", "保健食品",
        "烟草专卖零售", "危险化学品经营", "烟花爆竹经营（零售）", "非药品类易制毒化学品", "道路旅客运输", "道路货物运输", "出租汽车",
        "网络预约出租汽车", "机动车维修", "机动车驾驶员培训", "水路运输", "港口经营", "建筑工程施工", "建设工程规划", "乡村建设规划",
        "建设用地规划", "商品房预售", "城市建筑垃圾处置", "燃气经营", "城镇污水排入排水管网", "城市道路占用", "临时建筑", "户外广告设置",
        "农药经营", "兽药经营", "种子生产经营", "农作物种子", "生猪定点屠宰", "动物防疫条件", "动物诊疗", "渔业捕捞", "水产苗种生产",
        "林木采伐", "林草种子生产经营", "取水", "河道管理范围内建设项目", "河道采砂", "出版物零售业务", "印刷经营", "娱乐场所",
        "互联网上网服务营业场所", "营业性演出", "旅行社", "文物保护单位", "人力资源服务", "劳务派遣经营", "民办职业培训学校",
        "民办学校", "幼儿园", "教师资格", "养老机构", "社会团体", "民办非企业单位", "基金会", "殡葬服务", "医疗机构", "医师执业",
        "护士执业", "母婴保健技术服务", "放射诊疗", "公共场所卫生", "饮用水供水单位卫生", "消毒产品生产企业", "特种设备使用",
        "特种设备作业人员", "个体工商户", "农民专业合作社", "有限责任公司", "股份有限公司", "分公司", "外商投资企业", "粮食收购",
        "成品油零售", "再生资源回收", "典当", "拍卖", "测绘资质", "地质灾害治理工程", "不动产", "国有建设用地使用权", "宅基地使用权",
        "慈善组织", "宗教活动场所", "律师事务所", "基层法律服务所", "价格评估机构", "计量器具型式", "检验检测机构", "消防设计审查",
        "人防工程", "气象设施", "雷电防护装置", "无线电台（站）", "广播电视节目制作经营", "卫星电视广播地面接收设施", "电影放映",
    ];

    public static readonly string[] Acts =
    [
        "经营许可", "生产许可", "设立登记", "设立审批", "变更登记", "注销登记", "备案", "许可证核发", "许可证延续", "许可证变更",
        "许可证注销", "许可证补办", "资质认定", "执业注册", "执业登记", "核准", "审批", "确认", "首次登记", "年度报告",
    ];

    public static readonly string[] Qualifiers =
    [
        "", "", "", "", "（新办）", "（变更）", "（延续）", "（注销）", "（补办）", "（县级）", "（乡镇）", "（县内及毗邻县）",
        "（限制使用除外）", "（联合审批）", "（告知承诺制）", "（一件事）",
    ];

    public static readonly string[] Categories = ["行政许可", "行政确认", "公共服务", "其他行政权力", "行政给付"];

    public static List<GeneratedItem> Generate(int count, int seed = 20261121)
    {
        var random = new Random(seed);
        var items = new List<GeneratedItem>(count);
        for (var n = 1; n <= count; n++)
        {
            var subject = Subjects[random.Next(Subjects.Length)];
            var act = Acts[random.Next(Acts.Length)];
            var qualifier = Qualifiers[random.Next(Qualifiers.Length)];
            var category = Categories[random.Next(Categories.Length)];
            var department = random.Next(12);
            var code = $"BX-{Abbrev(category)}-{department:D2}-{n:D5}";
            items.Add(new GeneratedItem(code, subject + act + qualifier, category, department));
        }
        return items;
    }

    private static string Abbrev(string category) => category switch
    {
        "行政许可" => "XK",
        "行政确认" => "QR",
        "公共服务" => "GG",
        "行政给付" => "GF",
        _ => "QT",
    };
}
