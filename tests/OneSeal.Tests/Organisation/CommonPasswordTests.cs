using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using OneSeal.Tests.Organisation.Applicants;

namespace OneSeal.Tests.Organisation;

/// <summary>
/// Issue 10 §6: a password from the list of commonly used ones (PasswordPolicy), even with digits or symbols appended and
/// long enough, is refused wherever a password is set: applicant registration, staff creation, and <c>--create-admin</c>.
/// </summary>
public abstract class CommonPasswordTests(OneSealFactory app) : CaseApiTestBase(app)
{
    private const string CommonMessage = "过于常见";

    [Fact]
    public async Task A_citizen_registering_with_a_common_password_is_refused_naming_the_field_and_no_account_is_made()
    {
        var (phone, id) = (ApplicantKit.NewPhone(), ApplicantKit.NewCitizenId());
        using var response = await ApplicantKit.PostAsync(App, "/api/v1/accounts/register",
            new { kind = "citizen", name = "孙常见", idNumber = id, phone, password = "woaini1314!" });
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "password");
        FieldMessage(problem, "password").ShouldContain(CommonMessage);
        (await InDb(db => db.Set<Account>().AnyAsync(a => a.DisplayName == "孙常见"))).ShouldBeFalse();
    }

    [Fact]
    public async Task The_administrator_cannot_give_a_staff_member_a_common_password_however_long()
    {
        var username = Unique("p");
        var bureau = await InDb(db => db.Set<Agency>().Where(a => a.Code == "XZSPJ").Select(a => a.Id).SingleAsync());
        // 13 characters and three character classes: long enough, but "P@ssw0rd" with a year and a symbol.
        using var response = await (await As("admin")).PostAsJsonAsync("/api/v1/admin/staff",
            new { username, displayName = "常见密码", organisationId = bureau, roles = new[] { Roles.Clerk }, password = "P@ssw0rd2026!" });
        var problem = await ShouldBeProblemAsync(response, HttpStatusCode.BadRequest, field: "password");
        FieldMessage(problem, "password").ShouldContain(CommonMessage);
        (await InDb(db => db.Set<Account>().AnyAsync(a => a.Username == username))).ShouldBeFalse();
    }

    [Fact]
    public async Task Create_admin_on_the_command_line_refuses_a_common_or_short_password_and_creates_no_account()
    {
        var username = Unique("root");
        foreach (var (password, says) in new[] { ("Password#2026!", CommonMessage), ("Qs#2026", "12") })
        {
            var (exitCode, output) = await OpeningKit.RunCreateAdminAsync(App, username, password);
            exitCode.ShouldBe(2, output);
            output.ShouldContain("ONESEAL_ADMIN_PASSWORD");
            output.ShouldContain(says);
        }
        (await InDb(db => db.Set<Account>().AnyAsync(a => a.Username == username))).ShouldBeFalse();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CommonPasswordTests_Sqlite(SqliteApp app) : CommonPasswordTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CommonPasswordTests_Postgres(PostgresApp app) : CommonPasswordTests(app), IClassFixture<PostgresApp>;
