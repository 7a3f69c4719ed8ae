using OneSeal.Platform.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Audit;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// Production has no demo data: the first administrator is created from the command line
/// (<c>--create-admin NAME</c>, password from <c>ONESEAL_ADMIN_PASSWORD</c>), never from the web.
/// </summary>
public static class CreateAdmin
{
    public static async Task<int> RunAsync(OneSealDb db, string username, string? password, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("--create-admin NAME needs ONESEAL_ADMIN_PASSWORD (12 characters or more).");
            return 2;
        }
        if (PasswordPolicy.Problem(password, AccountKind.Staff, username) is { } problem)
        {
            Console.Error.WriteLine($"ONESEAL_ADMIN_PASSWORD: {problem}");
            return 2;
        }
        if (await db.Set<Account>().AnyAsync(a => a.Username == username, ct))
        {
            Console.Error.WriteLine($"Account '{username}' already exists.");
            return 1;
        }
        var account = new Account
        {
            Id = Guid.NewGuid(), Username = username, DisplayName = username, Kind = AccountKind.Staff, PasswordHash = "",
            CreatedAt = clock.Now(), Roles = [new AccountRole { Role = Roles.Admin }],
        };
        account.PasswordHash = new PasswordHashing().Hasher.HashPassword(account, password);
        db.Add(account);
        db.Audit(null, "account.create-admin", "account", account.Id.ToString(), username, clock.Now());
        await db.CommitAsync(ct);
        Console.WriteLine($"Administrator '{username}' created.");
        return 0;
    }
}
