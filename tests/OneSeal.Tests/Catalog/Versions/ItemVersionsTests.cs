using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Catalog;
using OneSeal.Catalog.Editing;
using OneSeal.Catalog.Search;
using OneSeal.Catalog.Versions;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Catalog.Versions;

/// <summary>
/// Item versions (docs/decisions/0007-item-versions.md): the demo history, which version is in force on a given day,
/// activation when a later version takes effect, and the editor's draft → review → publish path.
/// </summary>
public abstract class ItemVersionsTests(OneSealFactory app) : ApiTestBase(app)
{
    // This class's own items: one of its tests activates a future day on the shared database.
    private const string VersionTestPrefix = "QS-V-";
    private DateOnly Today => OneSeal.Platform.Time.LegalDates.Today(App.Services.GetRequiredService<TimeProvider>());

    [Fact]
    public async Task Every_item_of_the_demo_catalog_has_exactly_one_version_in_force_and_older_ones_are_superseded()
    {
        var today = Today;
        var (codes, inForce, published) = await InDb(async db => (
            await db.Set<Item>().Where(i => i.Status != ItemVersionStatus.Draft && i.Status != ItemVersionStatus.InReview && i.EffectiveFrom <= today)
                .Where(i => !i.Code.StartsWith(VersionTestPrefix)).Select(i => i.Code).Distinct().CountAsync(),
            await db.Set<Item>().InForce(db, today).Where(i => !i.Code.StartsWith(VersionTestPrefix)).GroupBy(i => i.Code).Select(g => g.Count()).ToListAsync(),
            await db.Set<Item>().CountAsync(i => i.Status == ItemVersionStatus.Published && i.EffectiveFrom <= today)));

        inForce.Count.ShouldBe(codes);
        inForce.ShouldAllBe(n => n == 1);
        published.ShouldBeGreaterThanOrEqualTo(codes, "test items may add more; the demo's own are one each after activation");
    }

    [Fact]
    public async Task The_in_force_rule_is_the_same_in_queries_and_in_memory()
    {
        // Before any version, today, and after every pending one: the database's answer and the one in memory agree.
        foreach (var day in new[] { new DateOnly(2000, 1, 1), Today, Today.AddYears(3) })
        {
            var (effective, inForce, all) = await InDb(async db => (
                await db.Set<Item>().Where(ItemVersions.EffectiveOn(day)).Select(i => i.Id).ToListAsync(),
                await db.Set<Item>().InForce(db, day).Select(i => i.Id).ToListAsync(),
                await db.Set<Item>().Select(i => new { i.Id, i.Code, i.Status, i.EffectiveFrom, i.Version }).ToListAsync()));

            effective.Order().ToList().ShouldBe(
                all.Where(v => ItemVersions.IsEffective(v.Status, v.EffectiveFrom, day)).Select(v => v.Id).Order().ToList(), $"effective on {day}");
            inForce.Order().ToList().ShouldBe(all.GroupBy(v => v.Code)
                .Select(g => ItemVersions.InForceAmong(g, day, v => (v.Status, v.EffectiveFrom, v.Version))?.Id)
                .OfType<Guid>().Order().ToList(), $"in force on {day}");
        }
    }

    [Fact]
    public async Task A_transferred_item_keeps_its_history_first_the_department_then_the_bureau_from_the_batch_date()
    {
        var versions = await InDb(db => db.Set<Item>().Where(i => i.Code == "QS-XK-003").OrderBy(i => i.Version)
            .Join(db.Set<Agency>(), i => i.ImplementingOrganisationId, a => a.Id, (i, a) => new { i.Version, i.Status, i.EffectiveFrom, i.SupersededOn, i.TransferBatchId, Implementing = a.Code })
            .ToListAsync());

        versions.Count.ShouldBeGreaterThanOrEqualTo(2);
        versions[0].Implementing.ShouldBe("SCJGJ");
        versions[0].Status.ShouldBe(ItemVersionStatus.Superseded);
        var transfer = versions.Single(v => v.TransferBatchId is not null);
        transfer.Implementing.ShouldBe("XZSPJ");
        versions[0].SupersededOn.ShouldBe(transfer.EffectiveFrom);
        versions[^1].Status.ShouldBe(ItemVersionStatus.Published);
        versions[^1].Implementing.ShouldBe("XZSPJ");
    }

    [Fact]
    public async Task A_version_published_for_a_later_date_is_in_force_from_that_date_and_activation_then_supersedes_the_old_one()
    {
        var code = await PublishedTestItemAsync();
        var later = Today.AddDays(10);
        var (oldId, newId) = await InDb(async db =>
        {
            var current = await ItemVersions.WithLists(db.Set<Item>()).SingleAsync(i => i.Code == code);
            var next = ItemVersions.CopyAsDraft(current, 2, DateTimeOffset.UtcNow, null);
            next.PromisedDays = 3;
            ItemVersions.Publish(next, later, DateTimeOffset.UtcNow, null);
            db.Add(next);
            ItemSearchIndex.Add(db, next, inForce: false);
            await db.SaveChangesAsync();
            return (current.Id, next.Id);
        });

        (await InForceIdAsync(code, Today)).ShouldBe(oldId);
        (await InForceIdAsync(code, later.AddDays(-1))).ShouldBe(oldId);
        (await InForceIdAsync(code, later)).ShouldBe(newId, "exact on the day, before any activation ran");

        (await InDb(async db => { var n = await CatalogActivation.ActivateAsync(db, later, DateTimeOffset.UtcNow, CancellationToken.None, code); await db.CommitAsync(CancellationToken.None); return n; }))
            .ShouldBe(2, "the old version superseded, the new one indexed");
        var old = await InDb(db => db.Set<Item>().SingleAsync(i => i.Id == oldId));
        old.Status.ShouldBe(ItemVersionStatus.Superseded);
        old.SupersededOn.ShouldBe(later);
        var listed = await InDb(db => db.Set<ItemSearchKey>().Where(k => k.ItemId == newId || k.ItemId == oldId).ToDictionaryAsync(k => k.ItemId, k => k.InForce));
        listed[newId].ShouldBeTrue();
        listed[oldId].ShouldBeFalse();
        (await InDb(async db => { var n = await CatalogActivation.ActivateAsync(db, later, DateTimeOffset.UtcNow, CancellationToken.None, code); await db.CommitAsync(CancellationToken.None); return n; }))
            .ShouldBe(0, "activation is idempotent");
    }

    [Fact]
    public async Task The_editor_takes_a_draft_through_review_to_publication_and_the_old_version_is_superseded_today()
    {
        var code = await PublishedTestItemAsync();
        var admin = Admin();
        var input = await InDb(async db => DraftInputOf(await ItemVersions.InForceAsync(db, code, Today, CancellationToken.None) ?? throw new InvalidOperationException(), db));

        await Editor(async e => await e.SaveDraftAsync(admin, input with { PromisedDays = 2, ChangeNote = "压缩时限" }, CancellationToken.None));
        await Should.ThrowAsync<OneSeal.Platform.Http.ConflictException>(() => Editor(e => e.PublishAsync(admin, code, null, CancellationToken.None)));
        await Editor(e => e.SubmitAsync(admin, code, CancellationToken.None));
        await Should.ThrowAsync<OneSeal.Platform.Http.ForbiddenException>(() => Editor(e => e.PublishAsync(admin, code, null, CancellationToken.None)));
        var published = await Editor(e => e.PublishAsync(Admin(), code, null, CancellationToken.None));   // a second administrator

        published.Version.ShouldBe(2);
        var inForce = await InDb(db => ItemVersions.InForceAsync(db, code, Today, CancellationToken.None));
        inForce!.Id.ShouldBe(published.Id);
        inForce.PromisedDays.ShouldBe(2);
        inForce.Materials.Count.ShouldBe(1);
        (await InDb(db => db.Set<Item>().SingleAsync(i => i.Code == code && i.Version == 1))).Status.ShouldBe(ItemVersionStatus.Superseded);
    }

    [Fact]
    public async Task A_draft_with_promised_days_over_the_statutory_limit_and_an_unknown_department_names_both_and_saves_nothing()
    {
        var code = await PublishedTestItemAsync();
        var input = await InDb(async db => DraftInputOf(await ItemVersions.InForceAsync(db, code, Today, CancellationToken.None) ?? throw new InvalidOperationException(), db));

        var error = await Should.ThrowAsync<OneSeal.Platform.Http.InvalidInputsException>(() =>
            Editor(e => e.SaveDraftAsync(Admin(), input with { PromisedDays = 30, StatutoryDays = 20, CompetentDepartment = "NOPE" }, CancellationToken.None)));

        error.Errors.Keys.ShouldBe(["promisedDays", "competentDepartment"], ignoreOrder: true);
        error.Rules!["promisedDays"].ShouldBe(["promised-exceeds-statutory", "beyond-legal-limit"], ignoreOrder: true);
        error.Rules["competentDepartment"].ShouldBe(["unknown-department"]);
        (await InDb(db => db.Set<Item>().CountAsync(i => i.Code == code))).ShouldBe(1);
    }

    private static Actor Admin() => new(Guid.NewGuid(), "admin", "管理员", AccountKind.Staff, null, new HashSet<string> { Roles.Admin });

    private Task<T> Editor<T>(Func<CatalogEditor, Task<T>> work) => InDb(async db =>
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CatalogEditor>());
    });

    private Task Editor(Func<CatalogEditor, Task> work) => Editor(async e => { await work(e); return true; });

    private Task<Guid?> InForceIdAsync(string code, DateOnly day) =>
        InDb(db => db.Set<Item>().InForce(db, day).Where(i => i.Code == code).Select(i => (Guid?)i.Id).SingleOrDefaultAsync());

    /// <summary>A published version-1 item of its own, with one material and the standard steps.</summary>
    private Task<string> PublishedTestItemAsync() => InDb(async db =>
    {
        var department = await db.Set<Agency>().Where(a => a.Code == "SCJGJ").Select(a => a.Id).SingleAsync();
        var bureau = await db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Id).SingleAsync();
        var id = Guid.NewGuid();
        var item = new Item
        {
            Id = id, Code = Unique(VersionTestPrefix), Version = 1, Name = "版本测试许可", Category = "行政许可", Kind = ItemKind.Promised,
            ServiceObject = ServiceObject.Both, CompetentDepartmentId = department, ImplementingOrganisationId = bureau,
            SupervisingDepartmentId = department, StatutoryDays = 20, PromisedDays = 5, LegalBasis = "《中华人民共和国行政许可法》",
            Conditions = "测试", Visits = 0, OnlineDepth = 4, ResultName = "测试证", ResultTypeCode = "T",
            Materials = [new ItemMaterial { Id = Guid.NewGuid(), ItemId = id, Code = "M01", Name = "申请书", Required = true, BlankForm = true }],
            FormFields = [new ItemFormField { Id = Guid.NewGuid(), ItemId = id, Key = "name", Label = "申请人", Required = true }],
            Steps = ItemVersions.StandardSteps(id),
        };
        ItemVersions.Publish(item, new DateOnly(2024, 1, 1), DateTimeOffset.UtcNow, null);
        db.Add(item);
        ItemSearchIndex.Add(db, item, inForce: true);
        await db.SaveChangesAsync();
        return item.Code;
    });

    private static ItemDraftInput DraftInputOf(Item i, OneSeal.Platform.Database.OneSealDb db)
    {
        var codes = db.Set<Agency>().AsNoTracking().ToDictionary(a => a.Id, a => a.Code);
        return new ItemDraftInput
        {
            Code = i.Code, Name = i.Name, Category = i.Category, Kind = i.Kind.ToString(), ServiceObject = i.ServiceObject.ToString(),
            CompetentDepartment = codes[i.CompetentDepartmentId], ImplementingBody = codes[i.ImplementingOrganisationId],
            SupervisingDepartment = codes[i.SupervisingDepartmentId], StatutoryDays = i.StatutoryDays, PromisedDays = i.PromisedDays,
            LegalBasis = i.LegalBasis, Conditions = i.Conditions, Visits = i.Visits, OnlineDepth = i.OnlineDepth,
            ResultName = i.ResultName, ResultTypeCode = i.ResultTypeCode,
            Materials = i.Materials.Select(m => new MaterialInput { Code = m.Code, Name = m.Name, Required = m.Required, BlankForm = m.BlankForm }).ToList(),
            Steps = i.Steps.OrderBy(s => s.SortOrder).Select(s => new StepInput { Kind = s.Kind.ToString(), SharePercent = s.SharePercent, StopsClock = s.StopsClock }).ToList(),
            FormFields = i.FormFields.Select(f => new FormFieldInput { Key = f.Key, Label = f.Label, Type = f.Type.ToString(), Required = f.Required }).ToList(),
        };
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ItemVersionsTests_Sqlite(SqliteApp app) : ItemVersionsTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ItemVersionsTests_Postgres(PostgresApp app) : ItemVersionsTests(app), IClassFixture<PostgresApp>;
