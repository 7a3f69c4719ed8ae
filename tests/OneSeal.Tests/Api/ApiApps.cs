using Microsoft.EntityFrameworkCore;
using OneSeal.Organisation;
using OneSeal.Platform.Database;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Api;

/// <summary>
/// The app fixtures of the API tests that need more than the plain <see cref="SqliteApp"/> / <see cref="PostgresApp"/>:
/// a fake clock on a Friday, a small upload limit, one person holding several duties.
/// </summary>
public static class ApiApps
{
    public static OneSealFactoryOptions Options(IReadOnlyDictionary<string, string?>? settings = null, FakeTimeProvider? time = null) => new()
    {
        Settings = settings ?? new Dictionary<string, string?>(),
        Time = time,
    };

    /// <summary>Gives <paramref name="username"/> extra roles (before anyone signs in as them: roles travel in the token).</summary>
    public static Task GrantRolesAsync(OneSealFactory app, string username, params string[] roles) => app.InDb(async db =>
    {
        var account = await db.Set<Account>().Include(a => a.Roles).SingleAsync(a => a.Username == username);
        foreach (var role in roles.Where(r => account.Roles.All(x => x.Role != r)))
            account.Roles.Add(new AccountRole { AccountId = account.Id, Role = role });
        await db.SaveChangesAsync();
    });
}

/// <summary>
/// The app on a fake clock that stands at Friday 2026-03-06 09:30 Beijing time, so a 3-working-day promise
/// accepted today has to skip the weekend: due Wednesday 2026-03-11.
/// </summary>
public sealed class FridayApiSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(time: new FakeTimeProvider(FridayApp.Start)));

public sealed class FridayApiPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(time: new FakeTimeProvider(FridayApp.Start)));

public static class FridayApp
{
    /// <summary>2026-03-06 09:30 +08:00, a Friday.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 6, 1, 30, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 3, 6);
}

/// <summary>The app with <c>Uploads:MaxBytes</c> = 1024, so "too large" needs only a 2 KB file.</summary>
public sealed class SmallUploadSqliteApp() : OneSealFactory(DatabaseProvider.Sqlite, ApiApps.Options(SmallUploads.Settings));

public sealed class SmallUploadPostgresApp() : OneSealFactory(DatabaseProvider.Postgres, ApiApps.Options(SmallUploads.Settings));

public static class SmallUploads
{
    public const int MaxBytes = 1024;
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["Uploads:MaxBytes"] = MaxBytes.ToString() };
}

/// <summary>
/// One person holding two duties: <c>clerk</c> is also reviewer and chief, <c>reviewer</c> is also chief.
/// The demo keeps duties on distinct accounts, so separation of duties is only observable like this.
/// </summary>
public abstract class DualRoleApp(DatabaseProvider provider) : OneSealFactory(provider, ApiApps.Options())
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ApiApps.GrantRolesAsync(this, "clerk", Roles.Reviewer, Roles.Chief);
        await ApiApps.GrantRolesAsync(this, "reviewer", Roles.Chief);
    }
}

public sealed class DualRoleSqliteApp() : DualRoleApp(DatabaseProvider.Sqlite);

public sealed class DualRolePostgresApp() : DualRoleApp(DatabaseProvider.Postgres);
