using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Cases.Forms;
using OneSeal.Platform.Security;
using OneSeal.Platform.Time;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Cases;

/// <summary>
/// Defect 17: the personal fields of a form (citizen ID, credit code, phone, home address) are encrypted in
/// <c>cases.form_json</c>; pages and the API still show them masked as before, and rules still read them whole; a form
/// written in clear before the fix is encrypted by the start-up step (docs/decisions/0008-personal-data-at-rest.md).
/// </summary>
public abstract class PersonalDataAtRestTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string Phone = "13807960001";
    private const string Home = "青山县解放路1号";

    private Task<string> StoredFormAsync(Guid id) =>
        InDb(db => db.Database.SqlQuery<string>($"SELECT form_json AS \"Value\" FROM cases WHERE id = {id}").SingleAsync());

    private static void ShouldHoldNoPersonalData(string stored)
    {
        stored.ShouldNotContain(Demo.CitizenId);
        stored.ShouldNotContain(Demo.CitizenId[6..14], Case.Sensitive, "not even the birth date part of the ID number");
        stored.ShouldNotContain(Phone);
        stored.ShouldNotContain(Phone[3..], Case.Sensitive);
        stored.ShouldNotContain("解放路1号");
    }

    private async Task<Guid> SoleTraderCaseAsync() =>
        (await CreateCaseAsync(await As("applicant"), Demo.SoleTrader, Demo.SoleTraderForm())).Id;

    [Fact]
    public async Task Defect17_form_json_read_straight_from_the_database_holds_no_id_phone_or_home_address()
    {
        var id = await SoleTraderCaseAsync();

        var stored = await StoredFormAsync(id);

        ShouldHoldNoPersonalData(stored);
        stored.ShouldContain("张三修鞋铺", Case.Sensitive, "fields that are not personal stay readable");
        stored.ShouldContain("解放路3号", Case.Sensitive, "a business address is not a person's home address");
    }

    [Fact]
    public async Task Defect17_the_api_and_the_case_pages_still_show_the_values_masked_and_submit_reads_them_whole()
    {
        var applicant = await As("applicant");
        var id = await SoleTraderCaseAsync();

        var dto = await GetCaseAsync(applicant, id);
        dto.Form["idNumber"].ShouldBe("360999********1239");
        dto.Form["phone"].ShouldBe("138****0001");
        dto.Form["address"].ShouldBe(Home, "the API showed the home address whole before; who sees what is unchanged");

        using var browser = await Notices.NoticeTestData.BrowserAsync(App, "applicant");
        var page = await browser.GetStringAsync($"/my/cases/{id}");
        page.ShouldContain("360999********1239");
        page.ShouldContain("138****0001");
        page.ShouldNotContain(Demo.CitizenId);

        // Submitting checks every required field of the decrypted form (a missing or unreadable ID would be refused).
        await UploadRequiredAsync(applicant, id, Demo.SoleTrader);
        (await StepAsync(applicant, id, "submit")).ShouldBe("submitted");
        var clerk = await Notices.NoticeTestData.BrowserAsync(App, "clerk");
        var hall = await clerk.GetStringAsync($"/hall/cases/{id}");
        hall.ShouldContain("360999********1239");
        hall.ShouldNotContain(Demo.CitizenId);
        clerk.Dispose();
    }

    [Fact]
    public async Task Defect17_a_form_stored_in_clear_before_the_fix_is_encrypted_at_start_and_reads_the_same()
    {
        var id = await SoleTraderCaseAsync();
        var legacy = System.Text.Json.JsonSerializer.Serialize(Demo.SoleTraderForm());
        await InDb(db => db.Database.ExecuteSqlAsync($"UPDATE cases SET form_json = {legacy}, form_protected = {false} WHERE id = {id}"));
        (await StoredFormAsync(id)).ShouldContain(Demo.CitizenId, Case.Sensitive, "arranged: a row as it was written before the fix");

        var personalData = App.Services.GetRequiredService<PersonalData>();
        var rewritten = await InDb(db => LegacyFormProtection.RunAsync(db, personalData, TimeProvider.System.Now(), CancellationToken.None));

        rewritten.ShouldBeGreaterThanOrEqualTo(1);
        ShouldHoldNoPersonalData(await StoredFormAsync(id));
        var dto = await GetCaseAsync(await As("applicant"), id);
        dto.Form["idNumber"].ShouldBe("360999********1239");
        dto.Form["businessName"].ShouldBe("张三修鞋铺");
        (await InDb(db => LegacyFormProtection.RunAsync(db, personalData, TimeProvider.System.Now(), CancellationToken.None)))
            .ShouldBe(0, "a second run finds nothing left in clear");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class PersonalDataAtRestTests_Sqlite(SqliteApp app) : PersonalDataAtRestTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class PersonalDataAtRestTests_Postgres(PostgresApp app) : PersonalDataAtRestTests(app), IClassFixture<PostgresApp>;
