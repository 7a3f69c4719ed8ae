using BenchmarkDotNet.Running;
using OneSeal.Benchmarks;
using OneSeal.Platform.Database;

// dotnet run -c Release --project bench/OneSeal.Benchmarks [-- BenchmarkDotNet arguments, e.g. --filter *Search*]
// dotnet run -c Release --project bench/OneSeal.Benchmarks -- search-sqlite [FILE] [ROUNDS]
// dotnet run -c Release --project bench/OneSeal.Benchmarks -- search-pg "Host=…;Database=…" [ROUNDS]   (an empty database, or one it filled before)
if (args.Length > 0 && args[0] == "search-sqlite")
{
    var file = args.Length > 1 ? args[1] : BenchCatalog.DefaultSqliteFile;
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
    var rounds = args.Length > 2 ? int.Parse(args[2]) : 200;
    return await SearchTiming.RunAsync(new BenchCatalog(DatabaseProvider.Sqlite, BenchCatalog.SqliteConnectionString(file)), rounds);
}
if (args.Length > 0 && args[0] == "search-pg")
{
    if (args.Length < 2) { Console.Error.WriteLine("usage: search-pg \"<connection string>\" [ROUNDS]"); return 2; }
    var rounds = args.Length > 2 ? int.Parse(args[2]) : 200;
    return await SearchTiming.RunAsync(new BenchCatalog(DatabaseProvider.Postgres, args[1]), rounds);
}
BenchmarkSwitcher.FromAssembly(typeof(SearchBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;
