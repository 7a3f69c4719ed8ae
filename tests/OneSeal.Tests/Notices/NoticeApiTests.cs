using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Notices;
using OneSeal.Platform.Database;
using OneSeal.Platform.Outbox;
using OneSeal.Platform.Storage;
using OneSeal.Platform.Time;
using OneSeal.Tests.Documents;
using OneSeal.Tests.Infrastructure;
using static OneSeal.Tests.Notices.NoticeTestData;

namespace OneSeal.Tests.Notices;

/// <summary>Notices end to end in the real app: enqueue in a committed unit of work → outbox → Chromium PDF → signed → API, verification.</summary>
public abstract class NoticeApiTests(OneSealFactory app) : ApiTestBase(app)
{
    private static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private async Task<byte[]> PdfOfAsync(CaseNotice n) =>
        await App.Services.GetRequiredService<IFileStore>().ReadAllBytesAsync(n.PdfKey!, default);

    [Fact]
    public async Task Refusal_is_rendered_signed_and_carries_the_appeal_rights()
    {
        var c = await CreateCaseAsync(App);
        var clerk = await InDb(db => db.Set<OneSeal.Organisation.Account>().Where(a => a.Username == "clerk").Select(a => a.Id).SingleAsync());
        var queued = await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.Refusal,
            ("申请日期", "2026-03-02"), ("理由", "申请事项依法不需要取得行政许可。")) with { DecidedById = clerk });
        queued.Status.ShouldBe(NoticeStatus.Pending);
        queued.Number.ShouldMatch(@"^青审不受字〔\d{4}〕第\d{6}号$");

        var issued = await WaitUntilDoneAsync(App, queued.Id);
        issued.Status.ShouldBe(NoticeStatus.Issued, issued.FailureReason);
        issued.PdfSha256.ShouldNotBeNull().Length.ShouldBe(64);
        issued.SignedPayload.ShouldNotBeNull().ShouldContain(issued.PdfSha256!);

        var text = Compact(await PdfTools.TextAsync(await PdfOfAsync(issued)));
        text.ShouldContain("不予受理决定书");
        text.ShouldContain(issued.Number);
        text.ShouldContain("行政复议");
        text.ShouldContain("六个月");
        text.ShouldContain("六十日");
        text.ShouldContain("青山县人民政府");
        text.ShouldContain("青山县人民法院");
        text.ShouldContain("申请事项依法不需要取得行政许可");
        text.ShouldContain("2026年3月2日");

        // The seal's usage log names the notice, the key that signed it and whose decision it records (issue 10).
        var usage = await InDb(db => db.Set<OneSeal.Seal.Administration.SealUsage>().AsNoTracking().SingleAsync(u => u.DocumentNumber == issued.Number));
        (usage.DocumentKind, usage.SealKeyId, usage.DecidedById, usage.CaseNumber).ShouldBe(("notice", issued.SealKeyId!.Value, (Guid?)clerk, c.CaseNumber));

        // Its outbox message was processed once and is done.
        var messages = await InDb(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Topic == NoticeTopics.Render && m.Payload.Contains(queued.Id.ToString())).ToListAsync());
        messages.Count.ShouldBe(1);
        messages[0].ProcessedAt.ShouldNotBeNull();
        messages[0].Attempts.ShouldBe(0);
    }

    [Fact]
    public async Task Denial_pdf_states_reasons_and_rights_and_verifies_until_one_byte_changes()
    {
        var c = await CreateCaseAsync(App, "company");
        var queued = await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.Denial,
            ("受理日期", "2026-03-03"), ("理由", "经现场核查，经营场所与食品安全要求不符"), ("法律依据", "《中华人民共和国食品安全法》第三十五条")));
        var issued = await WaitUntilDoneAsync(App, queued.Id);
        issued.Status.ShouldBe(NoticeStatus.Issued, issued.FailureReason);
        issued.AddresseePublic.ShouldBe(c.ApplicantName); // an enterprise is named in full

        var pdf = await PdfOfAsync(issued);
        var text = Compact(await PdfTools.TextAsync(pdf));
        text.ShouldContain("不予行政许可决定书");
        text.ShouldContain(issued.Number);
        text.ShouldContain("行政复议");
        text.ShouldContain("六个月");
        text.ShouldContain("第三十八条第二款");
        text.ShouldContain("经营场所与食品安全要求不符");

        var genuine = await VerifyFileAsync(pdf);
        genuine.GetProperty("genuine").GetBoolean().ShouldBeTrue();
        genuine.GetProperty("status").GetString().ShouldBe("valid");
        genuine.GetProperty("number").GetString().ShouldBe(issued.Number);

        var altered = (byte[])pdf.Clone();
        altered[altered.Length / 2] ^= 0x01;
        var forged = await VerifyFileAsync(altered);
        forged.GetProperty("genuine").GetBoolean().ShouldBeFalse();
        forged.GetProperty("status").GetString().ShouldBe("unknown");
        forged.GetProperty("number").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<JsonElement> VerifyFileAsync(byte[] pdf)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "notice.pdf");
        var response = await Anonymous().PostAsync("/api/v1/notices/verify", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Verify_without_a_file_is_a_400_naming_the_field()
    {
        using var form = new MultipartFormDataContent { { new StringContent("x"), "other" } };
        var response = await Anonymous().PostAsync("/api/v1/notices/verify", form);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("file");
    }

    [Fact]
    public async Task The_case_list_follows_case_access_and_the_pdf_downloads()
    {
        var c = await CreateCaseAsync(App);
        var queued = await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.CorrectionRequest,
            ("补正材料", "营业执照复印件：未加盖公章"), ("补正材料", "法定代表人身份证明：身份证号 360999199003071239 与申请表不一致")));
        var issued = await WaitUntilDoneAsync(App, queued.Id);
        issued.Status.ShouldBe(NoticeStatus.Issued, issued.FailureReason);

        using var applicant = await ClientFor("applicant");
        var list = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{c.Id}/notices");
        list.GetArrayLength().ShouldBe(1);
        var row = list[0];
        row.GetProperty("id").GetGuid().ShouldBe(issued.Id);
        row.GetProperty("kind").GetString().ShouldBe("CorrectionRequest");
        row.GetProperty("title").GetString().ShouldBe("补正材料通知书");
        row.GetProperty("number").GetString().ShouldBe(issued.Number);
        row.GetProperty("status").GetString().ShouldBe("Issued");
        row.GetProperty("issuedAt").GetDateTimeOffset().ShouldBe(issued.IssuedAt);

        var pdf = await applicant.GetAsync($"/api/v1/cases/{c.Id}/notices/{issued.Id}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = Compact(await PdfTools.TextAsync(bytes));
        text.ShouldContain("补正材料通知书");
        text.ShouldContain("1.营业执照复印件：未加盖公章");
        text.ShouldContain("2.法定代表人身份证明");
        text.ShouldContain("360999********1239");
        text.ShouldNotContain("360999199003071239");
        text.ShouldContain("补正材料不设期限");
        text.ShouldContain("即予受理");

        // Staff of the handling bureau and monitoring see it; another applicant and a department's staff get 404.
        using var clerk = await ClientFor("clerk");
        (await clerk.GetAsync($"/api/v1/cases/{c.Id}/notices")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var monitor = await ClientFor("monitor");
        (await monitor.GetAsync($"/api/v1/cases/{c.Id}/notices/{issued.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var other = await ClientFor("company");
        (await other.GetAsync($"/api/v1/cases/{c.Id}/notices")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/cases/{c.Id}/notices/{issued.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var dept = await ClientFor("dept");
        (await dept.GetAsync($"/api/v1/cases/{c.Id}/notices")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync($"/api/v1/cases/{c.Id}/notices")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A notice of another case through this case's URL: 404.
        var otherCase = await CreateCaseAsync(App);
        (await applicant.GetAsync($"/api/v1/cases/{otherCase.Id}/notices/{issued.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await applicant.GetAsync($"/api/v1/cases/{Guid.NewGuid()}/notices")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>A notice whose render has not run: recorded without its outbox message, so it stays Pending.</summary>
    private Task<CaseNotice> InsertPendingAsync(OneSeal.Cases.Case c) => InDb(async db =>
    {
        var bureau = await db.Set<OneSeal.Organisation.Agency>().SingleAsync(a => a.Id == c.HandlingOrganisationId);
        var n = new CaseNotice
        {
            Id = Guid.NewGuid(), CaseId = c.Id, CaseNumber = c.CaseNumber, Kind = NoticeKind.Acceptance,
            Number = "测试受字〔2026〕第" + Guid.NewGuid().ToString("N")[..10] + "号", Title = "受理通知书",
            Addressee = c.ApplicantName, AddresseePublic = "张*", ItemName = c.ItemName, FieldsJson = "[]",
            IssuedAt = Instants.Now(TimeProvider.System), IssuerOrganisationId = bureau.Id, IssuerName = bureau.Name,
            Status = NoticeStatus.Pending,
        };
        db.Add(n);
        await db.SaveChangesAsync();
        return n;
    });

    [Fact]
    public async Task A_notice_the_outbox_gave_up_on_is_Failed_and_can_be_issued_again()
    {
        var c = await CreateCaseAsync(App);
        var pending = await InsertPendingAsync(c);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var handler = scope.ServiceProvider.GetServices<IOutboxHandler>().Single(h => h.Topic == NoticeTopics.Render);
            var message = new OutboxMessage { Topic = NoticeTopics.Render, Payload = $"{{\"noticeId\":\"{pending.Id}\"}}" };
            await handler.GiveUpAsync(message, "PdfRenderException: Chromium did not finish the PDF within 60 s", default);
        }
        var failed = await InDb(db => db.Set<CaseNotice>().AsNoTracking().SingleAsync(n => n.Id == pending.Id));
        failed.Status.ShouldBe(NoticeStatus.Failed);
        failed.FailureReason.ShouldNotBeNull().ShouldContain("Chromium");

        using var applicant = await ClientFor("applicant");
        var response = await applicant.GetAsync($"/api/v1/cases/{c.Id}/notices/{pending.Id}/pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rule").GetString().ShouldBe("notice-failed");

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            var issuer = scope.ServiceProvider.GetRequiredService<INoticeIssuer>();
            (await issuer.RetryAsync(db, pending.Id, Instants.Now(TimeProvider.System))).Status.ShouldBe(NoticeStatus.Pending);
            await db.CommitAsync(default);
            await Should.ThrowAsync<OneSeal.Platform.Http.ConflictException>(() => issuer.RetryAsync(db, pending.Id, Instants.Now(TimeProvider.System)));
        }
        var issued = await WaitUntilDoneAsync(App, pending.Id);
        issued.Status.ShouldBe(NoticeStatus.Issued, issued.FailureReason);
        issued.FailureReason.ShouldBeNull();
        (await applicant.GetAsync($"/api/v1/cases/{c.Id}/notices/{pending.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_notices_page_lists_them_with_the_partial_in_Chinese_and_English()
    {
        var c = await CreateCaseAsync(App);
        var issued = await WaitUntilDoneAsync(App, (await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.Acceptance))).Id);
        var pending = await InsertPendingAsync(c);

        using var browser = await BrowserAsync(App, "applicant");
        var html = await browser.GetStringAsync($"/cases/{c.Id}/notices");
        html.ShouldContain("法律文书");
        html.ShouldContain(issued.Number);
        html.ShouldContain(pending.Number);
        html.ShouldContain($"href=\"/cases/{c.Id}/notices/{issued.Id}/pdf\"");
        html.ShouldNotContain($"/cases/{c.Id}/notices/{pending.Id}/pdf"); // no link until issued
        html.ShouldContain("已签发");
        html.ShouldContain("生成中");

        var english = await browser.GetStringAsync($"/cases/{c.Id}/notices?culture=en&ui-culture=en");
        english.ShouldContain("Notice of acceptance");
        english.ShouldContain("Being prepared");

        using var clerk = await BrowserAsync(App, "clerk");
        (await clerk.GetAsync($"/cases/{c.Id}/notices")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var other = await BrowserAsync(App, "company");
        (await other.GetAsync($"/cases/{c.Id}/notices")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pdf_of_a_pending_notice_is_a_409_problem()
    {
        var c = await CreateCaseAsync(App);
        var pending = await InsertPendingAsync(c);

        using var applicant = await ClientFor("applicant");
        var response = await applicant.GetAsync($"/api/v1/cases/{c.Id}/notices/{pending.Id}/pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("rule").GetString().ShouldBe("notice-pending");

        var list = await applicant.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{c.Id}/notices");
        list[0].GetProperty("status").GetString().ShouldBe("Pending");

        // The public never sees a notice that is not issued.
        var page = await Anonymous().GetStringAsync($"/verify/notice/{Uri.EscapeDataString(pending.Number)}");
        page.ShouldContain("未通过核验");
    }

    [Fact]
    public async Task Cookie_download_and_public_verification_page()
    {
        var c = await CreateCaseAsync(App);
        var queued = await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.Acceptance, ("承诺时限", "5个工作日")));
        var issued = await WaitUntilDoneAsync(App, queued.Id);
        issued.Status.ShouldBe(NoticeStatus.Issued, issued.FailureReason);
        issued.Number.ShouldMatch(@"^青审受字〔\d{4}〕第\d{6}号$");

        using var browser = await BrowserAsync(App, "applicant");
        var download = await browser.GetAsync($"/cases/{c.Id}/notices/{issued.Id}/pdf");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(await PdfOfAsync(issued));

        using var otherBrowser = await BrowserAsync(App, "company");
        (await otherBrowser.GetAsync($"/cases/{c.Id}/notices/{issued.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Anonymous().GetAsync($"/cases/{c.Id}/notices/{issued.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The QR code's page: genuine, the citizen's name masked.
        var page = await Anonymous().GetAsync($"/verify/notice/{Uri.EscapeDataString(issued.Number)}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("真实有效");
        html.ShouldContain(issued.Number);
        html.ShouldContain("受理通知书");
        html.ShouldContain("张*");
        html.ShouldNotContain("张三");

        (await Anonymous().GetStringAsync("/verify/notice/" + Uri.EscapeDataString("青审受字〔2026〕第999999号"))).ShouldContain("未通过核验");

        var text = Compact(await PdfTools.TextAsync(await PdfOfAsync(issued)));
        text.ShouldContain("受理通知书");
        text.ShouldContain("第三十二条");
        text.ShouldContain("5个工作日内作出行政许可决定");
        text.ShouldContain("http://localhost/verify/notice/");
    }

    [Fact]
    public async Task A_rolled_back_unit_of_work_leaves_no_notice_and_no_message()
    {
        var c = await CreateCaseAsync(App);
        var request = await RequestAsync(App, c, NoticeKind.Withdrawal);
        Guid id;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            var notice = await scope.ServiceProvider.GetRequiredService<INoticeIssuer>().EnqueueAsync(db, request, Instants.Now(TimeProvider.System));
            id = notice.Id;
            await db.SaveChangesAsync();
            await tx.RollbackAsync();
        }
        await Task.Delay(500);
        (await InDb(db => db.Set<CaseNotice>().AnyAsync(n => n.Id == id))).ShouldBeFalse();
        (await InDb(db => db.Set<OutboxMessage>().AnyAsync(m => m.Payload.Contains(id.ToString())))).ShouldBeFalse();
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_anything_is_written()
    {
        var c = await CreateCaseAsync(App);
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        var issuer = scope.ServiceProvider.GetRequiredService<INoticeIssuer>();

        var noReason = await RequestAsync(App, c, NoticeKind.Denial);
        var e = await Should.ThrowAsync<OneSeal.Platform.Http.InvalidInputsException>(() => issuer.EnqueueAsync(db, noReason, DateTimeOffset.UtcNow));
        e.Errors.Keys.ShouldContain("fields.理由");

        var unknownCase = (await RequestAsync(App, c, NoticeKind.Acceptance)) with { CaseId = Guid.NewGuid() };
        (await Should.ThrowAsync<OneSeal.Platform.Http.InvalidInputException>(() => issuer.EnqueueAsync(db, unknownCase, DateTimeOffset.UtcNow)))
            .Field.ShouldBe("caseId");

        db.ChangeTracker.Entries().ShouldBeEmpty();
    }

    [Fact]
    public async Task Numbers_count_per_kind_and_year()
    {
        var c = await CreateCaseAsync(App);
        var first = await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.Termination, ("理由", "申请人的营业执照已被依法吊销")));
        var second = await EnqueueAsync(App, await RequestAsync(App, c, NoticeKind.Termination, ("理由", "申请人的营业执照已被依法吊销")));
        static long Seq(string number) => long.Parse(System.Text.RegularExpressions.Regex.Match(number, @"第(\d{6})号").Groups[1].Value);
        Seq(second.Number).ShouldBe(Seq(first.Number) + 1);
        first.Number.ShouldStartWith($"青审终字〔{LegalDates.ToLegalDate(first.IssuedAt).Year}〕");
        (await WaitUntilDoneAsync(App, second.Id)).Status.ShouldBe(NoticeStatus.Issued);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class NoticeApiTests_Sqlite(NoticesSqliteApp app) : NoticeApiTests(app), IClassFixture<NoticesSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class NoticeApiTests_Postgres(NoticesPostgresApp app) : NoticeApiTests(app), IClassFixture<NoticesPostgresApp>;
