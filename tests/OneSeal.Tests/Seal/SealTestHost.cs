using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneSeal.Documents;
using OneSeal.Organisation;
using OneSeal.Organisation.Accounts;
using OneSeal.Platform.Database;
using OneSeal.Platform.Http;
using OneSeal.Platform.Security;
using OneSeal.Platform.Storage;
using OneSeal.Seal;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Seal;

/// <summary>
/// The web app's platform pieces plus <c>AddSeal</c>/<c>MapSealApi</c> on a test server, over a fresh database of
/// either provider built from the model. Self-contained on purpose: these tests do not depend on how (or whether)
/// the composition root wires the seal capability.
/// </summary>
public sealed class SealTestHost : IAsyncDisposable
{
    public const string BureauUscc = SealTestDb.BureauUscc;
    private readonly DirectoryInfo _folder;
    private readonly TestDatabase _database;
    private readonly WebApplication _app;
    public Guid BureauId { get; } = Guid.NewGuid();
    public Guid OtherDepartmentId { get; } = Guid.NewGuid();
    public RecordingDeliveryListener Deliveries { get; }
    /// <summary>Anonymous.</summary>
    public HttpClient Client { get; }

    private SealTestHost(WebApplication app, DirectoryInfo folder, TestDatabase database, RecordingDeliveryListener deliveries)
    {
        _app = app;
        _folder = folder;
        _database = database;
        Deliveries = deliveries;
        Client = app.GetTestClient();
    }

    public static async Task<SealTestHost> StartAsync(DatabaseProvider provider)
    {
        var folder = Directory.CreateTempSubdirectory("oneseal-seal-host-");
        var database = await TestDatabase.CreateAsync(provider);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OneSealApp).Assembly.GetName().Name, // finds the compiled Razor pages
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["OneSeal:PublicBaseUrl"] = "https://zwfw.example.gov.cn",
            // The tests render certificates themselves (IssueAsync), as the outbox would after the decision commits.
            ["Outbox:Enabled"] = "false",
        });
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOneSealDatabase(builder.Configuration);
        services.AddDataProtection().SetApplicationName("OneSeal").PersistKeysToFileSystem(folder.CreateSubdirectory("keys"));
        services.AddSingleton<IFileStore>(new LocalFileStore(folder.CreateSubdirectory("files").FullName));
        services.AddOneSealAuth();
        services.AddScoped<ISessionCheck, SessionCheck>();
        services.AddOneSealProblems();
        services.AddLocalization();
        services.AddRazorPages();
        services.AddSingleton<IPdfRenderer, FakePdf>();
        var deliveries = new RecordingDeliveryListener();
        services.AddSingleton<ICertificateDeliveryListener>(deliveries);
        services.AddSeal(builder.Configuration);

        var app = builder.Build();
        app.UseOneSealProblems();
        app.UseRequestLocalization(o => o.SetDefaultCulture("zh-CN").AddSupportedCultures("zh-CN", "en").AddSupportedUICultures("zh-CN", "en"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapSealApi();
        app.MapRazorPages();
        // Test-only stand-in for the login page: signs the given account in with the browser cookie.
        app.MapGet("/test/sign-in/{id:guid}", async (Guid id, HttpContext http, OneSealDb db) =>
            await http.SignInAsync(AuthSetup.Cookie, AccountPrincipal.Of(Registered(db, TestAccount(id, AccountKind.Citizen, null, [Roles.Applicant])), AuthSetup.Cookie)));
        await app.StartAsync();

        var host = new SealTestHost(app, folder, database, deliveries);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        await db.Database.EnsureCreatedAsync();
        db.Add(new Agency { Id = host.BureauId, Code = "QSXSPJ", Name = "青山县行政审批局", Kind = OrganisationKind.Bureau, Uscc = BureauUscc, RegionCode = "150102" });
        db.Add(new Agency { Id = host.OtherDepartmentId, Code = "QSXSCJ", Name = "青山县市场监督管理局", Kind = OrganisationKind.Department, RegionCode = "150102" });
        await db.SaveChangesAsync();
        return host;
    }

    public async Task<Certificate> IssueAsync(Guid holderAccountId, string holderCode = "11010519491231002X", string holderCodeType = HolderCodeTypes.CitizenId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OneSealDb>();
        var request = SealTestDb.SampleRequest(BureauId, holderCode, holderCodeType) with { HolderAccountId = holderAccountId, HolderName = "张三丰" };
        var certificate = await scope.ServiceProvider.GetRequiredService<ICertificateIssuer>().IssueAsync(request, default);
        // The unit of work's commit takes the certificate's number (Sequences.NumberAtCommit).
        await OneSeal.Platform.Database.UnitOfWork.CommitAsync(db, default);
        await using var render = _app.Services.CreateAsyncScope();
        await render.ServiceProvider.GetRequiredService<OneSeal.Platform.Outbox.OutboxDispatcher>().DispatchOnceAsync(default);
        return await render.ServiceProvider.GetRequiredService<OneSealDb>().Set<Certificate>()
            .AsNoTracking().SingleAsync(c => c.Id == certificate.Id);
    }

    public async Task<byte[]> PdfOfAsync(Certificate c) => await _app.Services.GetRequiredService<IFileStore>().ReadAllBytesAsync(c.PdfKey, default);

    /// <summary>A client signed in with a bearer token, as <c>POST /api/v1/auth/token</c> will issue it.</summary>
    public HttpClient As(Guid accountId, AccountKind kind, Guid? organisationId, params string[] roles)
    {
        Account account;
        using (var scope = _app.Services.CreateScope())
            account = Registered(scope.ServiceProvider.GetRequiredService<OneSealDb>(), TestAccount(accountId, kind, organisationId, roles));
        var options = _app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(AuthSetup.Bearer);
        var ticket = new AuthenticationTicket(AccountPrincipal.Of(account, AuthSetup.Bearer),
            new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, AuthSetup.Bearer);
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.BearerTokenProtector.Protect(ticket));
        return client;
    }

    /// <summary>A browser signed in with the cookie as the citizen <paramref name="accountId"/>; redirects are not followed.</summary>
    public async Task<HttpClient> BrowserAsAsync(Guid accountId)
    {
        var client = _app.GetTestServer().CreateClient();
        var signIn = await client.GetAsync($"/test/sign-in/{accountId}");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(v => v.Split(';')[0]).Single(v => v.StartsWith("oneseal.auth"));
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    /// <summary>
    /// The account as stored, added on first use: every request's session is checked against the stored account's
    /// security stamp (<see cref="OneSeal.Organisation.Accounts.SessionCheck"/>), so a token needs a real account behind it.
    /// </summary>
    private static Account Registered(OneSealDb db, Account account)
    {
        if (db.Set<Account>().AsNoTracking().Where(a => a.Id == account.Id).Select(a => a.SecurityStamp).FirstOrDefault() is { } stamp)
        {
            account.SecurityStamp = stamp;
            return account;
        }
        db.Add(account);
        db.SaveChanges();
        return account;
    }

    private static Account TestAccount(Guid id, AccountKind kind, Guid? organisationId, string[] roles) => new()
    {
        Id = id, Username = $"u{id:N}", PasswordHash = "-", DisplayName = "测试用户", Kind = kind,
        OrganisationId = organisationId, Roles = roles.Select(r => new AccountRole { AccountId = id, Role = r }).ToList(),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
        TestDatabase.TryDeleteFolder(_folder.FullName);
    }
}

public sealed class RecordingDeliveryListener : ICertificateDeliveryListener
{
    public List<(string Number, Guid ActorId)> Calls { get; } = [];

    public Task OnHolderDownloadedAsync(Certificate c, Actor a, CancellationToken ct)
    {
        lock (Calls) Calls.Add((c.Number, a.Id));
        return Task.CompletedTask;
    }
}
