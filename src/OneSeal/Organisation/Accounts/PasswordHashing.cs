using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OneSeal.Organisation.Accounts;

/// <summary>
/// The one hasher of account passwords: PBKDF2-HMAC-SHA512 in ASP.NET Core Identity's V3 format, 100,000 iterations
/// (a hash records its own count, so verifying follows the hash). A demo deployment may lower the count with
/// <c>SignIn:DemoPasswordIterations</c> (at least 1,000): the test hosts do, since each sign-in otherwise costs ~70 ms
/// of CPU and the test suite signs in thousands of times. Production ignores the setting.
/// </summary>
public sealed class PasswordHashing
{
    public const int Iterations = 100_000;
    private const int DemoMinimum = 1_000;

    public PasswordHashing(int iterations = Iterations)
    {
        Hasher = new(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        // Verified when a username is unknown, so that answer costs the same as a wrong password (no timing oracle).
        DummyHash = Hasher.HashPassword(null!, "oneseal-unknown-user");
    }

    public PasswordHasher<Account> Hasher { get; }

    /// <summary>A hash of the same cost as an account's, for unknown usernames.</summary>
    public string DummyHash { get; }

    public static PasswordHashing From(IConfiguration config, bool demo) =>
        demo && config.GetValue<int?>("SignIn:DemoPasswordIterations") is { } n ? new(Math.Clamp(n, DemoMinimum, Iterations)) : new();
}
