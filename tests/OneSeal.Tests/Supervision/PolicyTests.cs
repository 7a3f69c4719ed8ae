using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Catalog.Reviews;
using OneSeal.Organisation;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Security;
using OneSeal.Supervision.Policies;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Supervision;

/// <summary>
/// Issue 13 §2, policy pushed the other way: a department publishes a policy document (<c>POST /api/v1/policies</c>), a
/// section chief signs for it (<c>POST /api/v1/policies/{id}/acknowledge</c>) within the working days allowed, and the
/// items it touches wait in the catalog as 待复核 until reviewed or republished. Roles and data scope on the server.
/// </summary>
public abstract class PolicyTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private static object Body(string number, params string[] items) => new
    {
        title = "关于规范食品经营许可现场核查的通知", documentNumber = number, issuedOn = "2026-01-05",
        summary = "明确小型餐饮现场核查要点。", itemCodes = items,
    };

    private async Task<JsonElement> PublishAsync(string number, params string[] items)
    {
        using var response = await (await As("dept")).PostAsJsonAsync("/api/v1/policies", Body(number, items));
        await ShouldBeAsync(response, HttpStatusCode.Created);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task<List<ItemReviewFlag>> FlagsAsync(Guid policyId) =>
        InDb(db => db.Set<ItemReviewFlag>().AsNoTracking().Where(f => f.SourceId == policyId).ToListAsync());

    [Fact]
    public async Task Department_publishes_chief_signs_once_and_the_items_wait_for_review()
    {
        var created = await PublishAsync(Unique("文号"), Demo.FoodLicence);
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("ackDueOn").GetString().ShouldNotBeNullOrEmpty();

        var flags = await FlagsAsync(id);
        flags.ShouldHaveSingleItem().ItemCode.ShouldBe(Demo.FoodLicence);
        flags[0].ClearedAt.ShouldBeNull();

        var chief = await As("chief");
        var pending = await chief.GetFromJsonAsync<JsonElement>("/api/v1/policies?state=pending");
        pending.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldContain(id);

        using (var signed = await chief.PostAsync($"/api/v1/policies/{id}/acknowledge", null))
        {
            await ShouldBeAsync(signed, HttpStatusCode.OK);
            var view = JsonDocument.Parse(await signed.Content.ReadAsStringAsync()).RootElement;
            view.GetProperty("state").GetString().ShouldBe("acknowledged");
            view.GetProperty("acknowledgedBy").GetString().ShouldBe("钱科长");
        }
        using (var again = await chief.PostAsync($"/api/v1/policies/{id}/acknowledge", null))
            await ShouldBeProblemAsync(again, HttpStatusCode.Conflict, rule: "already-acknowledged");

        var mine = await (await As("dept")).GetFromJsonAsync<JsonElement>("/api/v1/policies?state=acknowledged");
        mine.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == id).GetProperty("department").GetString().ShouldNotBeNullOrEmpty();
        var audit = await InDb(db => db.Set<AuditEntry>().AsNoTracking().Where(a => a.EntityType == "policy" && a.EntityId == id.ToString())
            .Select(a => a.Action).ToListAsync());
        audit.ShouldBe(["policy.publish", "policy.acknowledge"], ignoreOrder: true);
    }

    [Fact]
    public async Task Only_department_staff_publish_only_a_section_chief_signs_and_others_see_nothing()
    {
        using (var r = await (await As("clerk")).PostAsJsonAsync("/api/v1/policies", Body(Unique())))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "policy-publish");
        using (var r = await (await As("chief")).PostAsJsonAsync("/api/v1/policies", Body(Unique())))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "policy-publish");
        using (var r = await (await As("admin")).GetAsync("/api/v1/policies"))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "policy-read");
        using (var r = await Anonymous().GetAsync("/api/v1/policies"))
            r.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var id = (await PublishAsync(Unique())).GetProperty("id").GetGuid();
        using (var r = await (await As("dept")).PostAsync($"/api/v1/policies/{id}/acknowledge", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.Forbidden, rule: "policy-acknowledge");
        using (var r = await (await As("chief")).PostAsync($"/api/v1/policies/{Guid.NewGuid()}/acknowledge", null))
            await ShouldBeProblemAsync(r, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_names_the_fields_and_writes_nothing()
    {
        var before = await InDb(db => db.Set<PolicyDocument>().CountAsync());
        var dept = await As("dept");
        using (var r = await dept.PostAsJsonAsync("/api/v1/policies", new { title = "", documentNumber = new string('号', 65), issuedOn = "2026-13-40", summary = "s", itemCodes = new[] { "../x" } }))
        {
            var problem = await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "title");
            foreach (var field in new[] { "documentNumber", "issuedOn", "itemCodes" })
                problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(field);
        }
        using (var r = await dept.PostAsJsonAsync("/api/v1/policies", Body(Unique(), "NO-SUCH-ITEM")))
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "itemCodes", rule: "unknown-item");
        (await InDb(db => db.Set<PolicyDocument>().CountAsync())).ShouldBe(before);

        var number = Unique();
        await PublishAsync(number);
        using (var r = await dept.PostAsJsonAsync("/api/v1/policies", Body(number)))
            await ShouldBeProblemAsync(r, HttpStatusCode.Conflict, rule: "duplicate-number");
    }

    [Fact]
    public async Task Attachments_go_to_the_file_store_and_only_documents_are_taken()
    {
        var id = (await PublishAsync(Unique())).GetProperty("id").GetGuid();
        var dept = await As("dept");
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            form.Add(file, "file", "通知.pdf");
            using var r = await dept.PostAsync($"/api/v1/policies/{id}/attachments", form);
            await ShouldBeAsync(r, HttpStatusCode.Created);
            var attachmentId = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
            (await (await As("chief")).GetByteArrayAsync($"/api/v1/policies/{id}/attachments/{attachmentId}")).ShouldBe(pdf);
        }
        using (var form = new MultipartFormDataContent())
        {
            form.Add(new ByteArrayContent([1, 2, 3]), "file", "run.exe");
            using var r = await dept.PostAsync($"/api/v1/policies/{id}/attachments", form);
            await ShouldBeProblemAsync(r, HttpStatusCode.BadRequest, field: "attachments", rule: "file-type");
        }
    }

    [Fact]
    public async Task Unsigned_past_its_due_day_is_overdue()
    {
        var id = (await PublishAsync(Unique())).GetProperty("id").GetGuid();
        await InDb(db => db.Set<PolicyDocument>().Where(p => p.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.AckDueOn, new DateOnly(2020, 1, 2))));

        var overdue = await (await As("chief")).GetFromJsonAsync<JsonElement>("/api/v1/policies?state=overdue");
        overdue.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ShouldContain(id);
        using var bad = await (await As("chief")).GetAsync("/api/v1/policies?state=late");
        await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "state");
    }

    [Fact]
    public async Task Review_needed_ends_when_an_admin_marks_it_reviewed_or_a_new_version_is_published()
    {
        var first = (await PublishAsync(Unique(), Demo.FoodLicence)).GetProperty("id").GetGuid();
        var second = (await PublishAsync(Unique(), Demo.SoleTrader)).GetProperty("id").GetGuid();
        var adminId = await AccountIdAsync("admin");
        var admin = new Actor(adminId, "admin", "吴管理员", AccountKind.Staff, null, new HashSet<string> { Roles.Admin });
        var flag = (await FlagsAsync(first)).Single();
        var otherFlag = (await FlagsAsync(second)).Single();

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var reviews = scope.ServiceProvider.GetRequiredService<ItemReviews>();
            (await reviews.OpenAsync(CancellationToken.None)).Select(r => r.Id).ShouldContain(flag.Id);
            await reviews.MarkReviewedAsync(admin, flag.Id, CancellationToken.None);
            await Should.ThrowAsync<OneSeal.Platform.Http.ConflictException>(() => reviews.MarkReviewedAsync(admin, flag.Id, CancellationToken.None));
            var clerk = admin with { Roles = new HashSet<string> { Roles.Clerk } };
            await Should.ThrowAsync<OneSeal.Platform.Http.ForbiddenException>(() => reviews.MarkReviewedAsync(clerk, otherFlag.Id, CancellationToken.None));
        }
        (await FlagsAsync(first)).Single().ClearedHow.ShouldBe("reviewed");

        // Publishing a new version (CatalogEditor.PublishAsync calls this in its transaction) answers the item's open flags.
        await InDb(async db =>
        {
            await ItemReviews.ClearOnPublish(db, Demo.SoleTrader, adminId, DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
        });
        (await FlagsAsync(second)).Single().ClearedHow.ShouldBe("new-version");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class PolicyTests_Sqlite(SqliteApp app) : PolicyTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class PolicyTests_Postgres(PostgresApp app) : PolicyTests(app), IClassFixture<PostgresApp>;
