using Microsoft.EntityFrameworkCore;
using OneSeal;

var builder = WebApplication.CreateBuilder(args);
builder.AddOneSeal();
var app = builder.Build();

if (args.Contains("--schema-script"))
{
    // Authoring aid for new migrations (docs/decisions/0002-own-migrations.md): the model as DDL for the configured provider.
    await using var scope = app.Services.CreateAsyncScope();
    Console.WriteLine(scope.ServiceProvider.GetRequiredService<OneSeal.Platform.Database.OneSealDb>().Database.GenerateCreateScript());
    return 0;
}

if (args.Contains("--migrate-only"))
{
    await app.MigrateAndSeedAsync(seed: false);
    return 0;
}

if (args.Contains("--verify-audit"))
    return await app.VerifyAuditAsync();

var createAdmin = Array.IndexOf(args, "--create-admin");
if (createAdmin >= 0)
{
    await app.MigrateAndSeedAsync(seed: false);
    return await app.CreateAdminAsync(createAdmin + 1 < args.Length ? args[createAdmin + 1] : "");
}

await app.MigrateAndSeedAsync(seed: true);
app.UseOneSeal();
await app.RunAsync();
return 0;

public partial class Program;
