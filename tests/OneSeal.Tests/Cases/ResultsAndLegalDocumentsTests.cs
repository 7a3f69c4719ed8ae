using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Catalog.Editing;
using OneSeal.Catalog.Versions;
using OneSeal.Notices;
using OneSeal.Organisation;
using OneSeal.Platform.Time;
using OneSeal.Seal;
using OneSeal.Supervision.Verification;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Notices;

namespace OneSeal.Tests.Cases;

/// <summary>
/// Issue 8, "Results and legal documents": defects 1 (holder), 2 (免证办), 3 (告知承诺), 4 (parent items), 7 (codes in
/// messages). The outbox runs, so notices are rendered and signed as in production.
/// </summary>
public abstract class ResultsAndLegalDocumentsTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string ParentFoodLicence = "QS-XK-027";     // 食品经营许可: a heading with four sub-items
    private const string PublicPlaceHealth = "QS-XK-007";     // 告知承诺制; M04 检测报告 replaceable by the commitment
    private const string ShopName = "青山县好味道餐饮店";
    /// <summary>The shop's own credit code (valid GB 32100), not the demo company's.</summary>
    private const string ShopUscc = "91350100M000100Y43";

    private sealed record HolderDto(string Name, string CodeType, string CodeMasked);
    private sealed record NotSubmittedDto(string MaterialCode, string Name, string Reason);
    private sealed record CaseExtrasDto(HolderDto Holder, List<NotSubmittedDto> NotSubmittedMaterials, List<TimelineDto> Timeline);

    private async Task<CaseExtrasDto> ExtrasAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<CaseExtrasDto>($"/api/v1/cases/{id}", Web))!;

    private static Dictionary<string, string?> ShopForm() =>
        new(Demo.FoodLicenceForm(uscc: ShopUscc)) { ["enterpriseName"] = ShopName };

    /// <summary>Uploads every required material of the item except <paramref name="skip"/>.</summary>
    private static async Task UploadAllExceptAsync(HttpClient client, Guid id, string itemCode, params string[] skip)
    {
        foreach (var m in (await GuideAsync(client, itemCode)).Materials.Where(m => m.Required && !skip.Contains(m.Code)))
        {
            using var r = await UploadAsync(client, id, m.Code, $"{m.Code}.pdf", SampleFiles.Pdf(m.Code), "application/pdf");
            await ShouldBeAsync(r, HttpStatusCode.Created);
        }
    }

    private async Task<Dictionary<string, string?>> FormForAsync(HttpClient client, string itemCode) =>
        (await GuideAsync(client, itemCode)).FormFields.ToDictionary(f => f.Key, f => (string?)(f.Type switch
        {
            "Uscc" => ShopUscc,
            "CitizenId" => Demo.CitizenId,
            "Phone" => "13807960001",
            "Number" => "120",
            "Date" => "2026-01-01",
            _ => f.Key == "enterpriseName" ? ShopName : "测试填写",
        }));

    /// <summary>The certificate once the outbox (on in this class) has rendered and signed it after the decision.</summary>
    private async Task<Certificate> IssuedCertificateAsync(string number)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(200))
        {
            var c = await InDb(db => db.Set<Certificate>().AsNoTracking().SingleAsync(x => x.Number == number));
            if (c.PdfStatus == CertificatePdfStatus.Issued) return c;
            if (waited > TimeSpan.FromSeconds(60)) throw new TimeoutException($"certificate {number} is still {c.PdfStatus}: {c.PdfFailureReason}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Defect01_certificate_verify_page_and_notices_name_the_shop_as_holder_and_the_applicant_as_agent()
    {
        var applicant = await As("applicant");
        var id = await SubmittedCaseAsync("applicant", Demo.FoodLicence, ShopForm());
        (await StepAsync(await As("clerk"), id, "accept")).ShouldBe("accepted");
        (await StepAsync(await As("reviewer"), id, "review", new { opinion = "符合条件", recommend = "approve" })).ShouldBe("reviewed");
        (await StepAsync(await As("chief"), id, "decide", new { approve = true })).ShouldBe("certificate-issued");

        var extras = await ExtrasAsync(applicant, id);
        extras.Holder.Name.ShouldBe(ShopName);
        extras.Holder.CodeType.ShouldBe(HolderCodeTypes.CreditCode);
        extras.Holder.CodeMasked.ShouldNotBe(ShopUscc);

        var number = (await GetCaseAsync(applicant, id)).CertificateNumber!;
        var certificate = JsonDocument.Parse(await applicant.GetStringAsync($"/api/v1/certificates/{number}")).RootElement;
        certificate.GetProperty("holderName").GetString().ShouldBe(ShopName);
        certificate.GetProperty("holderCodeType").GetString().ShouldBe("001");
        var stored = await IssuedCertificateAsync(number);
        CertificatePayload.Field(stored.SignedPayload, "持证主体").ShouldBe(ShopName);
        CertificatePayload.Field(stored.SignedPayload, "持证主体代码类型").ShouldBe("001");

        // The PDF and the public page say the same; a shop's name is public, so it is not masked.
        using (var pdf = await applicant.GetAsync($"/api/v1/certificates/{number}/pdf"))
        {
            await ShouldBeAsync(pdf, HttpStatusCode.OK);
            var text = (await Documents.PdfTools.TextAsync(await pdf.Content.ReadAsByteArrayAsync())).Replace(" ", "").Replace("\n", "");
            text.ShouldContain("持证主体" + ShopName + "统一社会信用代码");
            text.ShouldNotContain("持证主体张三");
        }
        var page = await Anonymous().GetStringAsync($"/verify/{Uri.EscapeDataString(number)}");
        page.ShouldContain(ShopName);
        page.ShouldNotContain("张三");

        // Every notice is addressed to the shop and names 张三 as 经办人.
        var notices = await InDb(db => db.Set<CaseNotice>().AsNoTracking().Where(n => n.CaseId == id).ToListAsync());
        notices.Select(n => n.Kind).ShouldContain(NoticeKind.Acceptance);
        notices.Select(n => n.Kind).ShouldContain(NoticeKind.Approval);
        foreach (var n in notices)
        {
            n.Addressee.ShouldBe(ShopName);
            n.AddresseePublic.ShouldBe(ShopName);
            NoticeFields.Value(NoticeIssuer.FieldsOf(n), NoticeFields.Agent).ShouldBe("张三");
        }
        var acceptance = await NoticeTestData.WaitUntilDoneAsync(App, notices.Single(n => n.Kind == NoticeKind.Acceptance).Id);
        NoticePayload.Field(acceptance.SignedPayload, "受文对象").ShouldBe(ShopName);
    }

    [Fact]
    public async Task Defect01_without_a_mapping_the_applicant_account_is_the_holder_and_no_agent_is_named()
    {
        // QS-XK-001 (company registration) maps no holder: the applying enterprise is the holder.
        var company = await As("company");
        var id = (await CreateCaseAsync(company, "QS-XK-001", await FormForAsync(company, "QS-XK-001"))).Id;
        var extras = await ExtrasAsync(company, id);
        extras.Holder.Name.ShouldBe("青山县味道餐饮管理有限公司");
        extras.Holder.CodeType.ShouldBe("001");
    }

    /// <summary>The version in force of <paramref name="code"/> as the JSON body that saves it (what the edit form and the draft API carry).</summary>
    private Task<Dictionary<string, JsonElement>> InputOfAsync(string code) => InDb(async db =>
    {
        var item = (await ItemVersions.InForceAsync(db, code, LegalDates.Today(TimeProvider.System), CancellationToken.None))!;
        var agencies = await db.Set<Agency>().AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code);
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(ItemDraftSource.From(item, agencies), Web), Web)!;
    });

    [Fact]
    public async Task Defect01_holder_mapping_is_carried_by_the_draft_api_and_checked_against_the_form()
    {
        var admin = await As("admin");
        const string code = "QS-XK-046";   // 水土保持方案审批: an enterprise item, mapped to the enterprise
        var body = await InputOfAsync(code);
        body["holderNameField"].GetString().ShouldBe("enterpriseName");
        body["holderCodeField"].GetString().ShouldBe("uscc");
        body["holderCodeType"].GetString().ShouldBe("001");

        // A citizen-ID type read from a credit-code field, and a name field the form does not have: both named, nothing saved.
        var bad = new Dictionary<string, JsonElement>(body)
        {
            ["holderNameField"] = JsonSerializer.SerializeToElement("shopName"),
            ["holderCodeType"] = JsonSerializer.SerializeToElement("111"),
        };
        using (var response = await admin.PutAsJsonAsync($"/api/v1/items/{code}/draft", bad))
        {
            var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "holderNameField");
            FieldMessage(problem, "holderCodeField").ShouldContain("统一社会信用代码");
        }
        (await InDb(db => db.Set<OneSeal.Catalog.Item>().CountAsync(i => i.Code == code && i.Status == OneSeal.Catalog.ItemVersionStatus.Draft))).ShouldBe(0);

        // Saved as it is, the draft hands the mapping back.
        using (var saved = await admin.PutAsJsonAsync($"/api/v1/items/{code}/draft", body))
        {
            await ShouldBeAsync(saved, HttpStatusCode.OK);
            var input = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("draft");
            input.GetProperty("holderCodeField").GetString().ShouldBe("uscc");
            input.GetProperty("holderCodeType").GetString().ShouldBe("001");
        }
        using (var discard = await admin.DeleteAsync($"/api/v1/items/{code}/draft")) discard.IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task Defect02_a_certificate_library_material_does_not_block_submission_and_is_recorded_as_not_submitted()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, Demo.FoodLicence)).Id;
        await UploadAllExceptAsync(applicant, id, Demo.FoodLicence, "M02", "M05");   // 营业执照 and 身份证件 come from the library

        (await StepAsync(applicant, id, "submit")).ShouldBe("submitted");

        var extras = await ExtrasAsync(applicant, id);
        extras.NotSubmittedMaterials.Select(m => (m.MaterialCode, m.Reason)).ShouldBe([("M02", "shared-check"), ("M05", "shared-check")]);
        extras.Timeline.Single(t => t.Action == "submitted").Note!.ShouldContain("营业执照（电子证照库共享核验，申请人未提交）");

        using var clerk = await NoticeTestData.BrowserAsync(App, "clerk");
        var hall = await clerk.GetStringAsync($"/hall/cases/{id}");
        hall.ShouldContain("data-not-submitted=\"shared-check\"");
        hall.ShouldContain("窗口须通过电子证照库共享数据核验");
    }

    [Fact]
    public async Task Defect03_a_notification_commitment_replaces_the_test_report_and_the_timeline_claims_no_push()
    {
        var company = await As("company");
        var id = (await CreateCaseAsync(company, PublicPlaceHealth, await FormForAsync(company, PublicPlaceHealth))).Id;
        await UploadAllExceptAsync(company, id, PublicPlaceHealth, "M02", "M04");

        // Without the commitment the report is still required (and only it: 营业执照 comes from the library).
        using (var early = await ActAsync(company, id, "submit"))
        {
            var problem = await ShouldBeProblemAsync(early, HttpStatusCode.BadRequest, field: "materials", rule: "required-materials");
            FieldMessage(problem, "materials").ShouldContain("公共场所卫生检测或者评价报告");
            FieldMessage(problem, "materials").ShouldNotContain("营业执照");
        }
        using (var commit = await ActAsync(company, id, "commit", new { kind = "notification", text = "本单位承诺符合公共场所卫生许可条件，开业后补交检测报告" }))
            await ShouldBeAsync(commit, HttpStatusCode.Created);
        (await StepAsync(company, id, "submit")).ShouldBe("submitted");

        var extras = await ExtrasAsync(company, id);
        extras.NotSubmittedMaterials.ShouldContain(new NotSubmittedDto("M04", "公共场所卫生检测或者评价报告", "commitment"));
        extras.Timeline.Single(t => t.Action == "committed").Note!.ShouldContain("以承诺代替：公共场所卫生检测或者评价报告");

        await StepAsync(await As("clerk"), id, "accept");
        await StepAsync(await As("reviewer"), id, "review", new { opinion = "告知承诺，先行审批", recommend = "approve" });
        await StepAsync(await As("chief"), id, "decide", new { approve = true });
        // issue 13 — the department now receives it (its workbench lists the push and the task), so the line says so.
        var opened = (await ExtrasAsync(company, id)).Timeline.Single(t => t.Action == "supervision-pushed").Note!;
        opened.ShouldContain("推送告知承诺核查任务");
        (await InDb(db => db.Set<VerificationTask>().CountAsync(t => t.CaseId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task Defect03_only_items_on_the_commitment_system_may_mark_a_material_replaceable()
    {
        var admin = await As("admin");
        var body = await InputOfAsync(Demo.FoodLicence);
        var materials = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(body["materials"].GetRawText(), Web)!;
        materials[2]["replaceableByCommitment"] = JsonSerializer.SerializeToElement(true);
        body["materials"] = JsonSerializer.SerializeToElement(materials);
        using var bad = await admin.PutAsJsonAsync($"/api/v1/items/{Demo.FoodLicence}/draft", body);
        await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "materials[2].replaceableByCommitment", rule: "commitment-not-allowed");
    }

    [Fact]
    public async Task Defect04_a_parent_item_is_a_heading_that_takes_no_application()
    {
        var applicant = await As("applicant");
        var before = await CaseCountAsync("applicant");
        using (var response = await PostCaseAsync(applicant, ParentFoodLicence, Demo.FoodLicenceForm()))
        {
            var problem = await ShouldBeProblemAsync(response, HttpStatusCode.Conflict, rule: "parent-item");
            problem.GetProperty("detail").GetString()!.ShouldContain("食品经营许可（新办）");
        }
        (await CaseCountAsync("applicant")).ShouldBe(before);

        var guide = await Anonymous().GetStringAsync($"/items/{ParentFoodLicence}");
        guide.ShouldContain("id=\"parent-item\"");
        guide.ShouldNotContain("id=\"apply\"");
        guide.ShouldNotContain("在线申请</a>");

        using var browser = await NoticeTestData.BrowserAsync(App, "applicant");
        var apply = await browser.GetStringAsync($"/apply/{ParentFoodLicence}");
        apply.ShouldContain("id=\"parent-item\"");
        apply.ShouldNotContain("id=\"apply-form\"");
    }

    [Fact]
    public async Task Defect07_rule_messages_name_materials_not_their_codes()
    {
        var applicant = await As("applicant");
        var id = (await CreateCaseAsync(applicant, Demo.FoodLicence)).Id;
        using (var commit = await ActAsync(applicant, id, "commit", new { kind = "tolerance", text = "承诺", materials = new[] { "M01" }, supplyBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7) }))
        {
            var problem = await ShouldBeProblemAsync(commit, HttpStatusCode.BadRequest, field: "materials", rule: "not-tolerable");
            FieldMessage(problem, "materials").ShouldContain("食品经营许可申请书");
            FieldMessage(problem, "materials").ShouldNotContain("M01");
        }

        await UploadAllExceptAsync(applicant, id, Demo.FoodLicence, "M04");
        using (var commit = await ActAsync(applicant, id, "commit", new { kind = "tolerance", text = "本人承诺七日内补交", materials = new[] { "M04" }, supplyBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7) }))
            await ShouldBeAsync(commit, HttpStatusCode.Created);
        await StepAsync(applicant, id, "submit");
        await StepAsync(await As("clerk"), id, "accept");
        await StepAsync(await As("reviewer"), id, "review", new { opinion = "符合条件", recommend = "approve" });
        using var decide = await ActAsync(await As("chief"), id, "decide", new { approve = true });
        var outstanding = await ShouldBeProblemAsync(decide, HttpStatusCode.Conflict, rule: "tolerance-outstanding");
        var detail = outstanding.GetProperty("detail").GetString()!;
        detail.ShouldContain("保证食品安全的规章制度");
        detail.ShouldNotContain("M04");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ResultsAndLegalDocumentsTests_Sqlite(NoticesSqliteApp app) : ResultsAndLegalDocumentsTests(app), IClassFixture<NoticesSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ResultsAndLegalDocumentsTests_Postgres(NoticesPostgresApp app) : ResultsAndLegalDocumentsTests(app), IClassFixture<NoticesPostgresApp>;
