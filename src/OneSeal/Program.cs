using OneSeal;

var builder = WebApplication.CreateBuilder(args);
builder.AddOneSeal();
var app = builder.Build();

if (args.Contains("--migrate-only"))
{
    await app.MigrateAndSeedAsync(seed: false);
    return;
}

await app.MigrateAndSeedAsync(seed: true);
app.UseOneSeal();
app.Run();

public partial class Program;
