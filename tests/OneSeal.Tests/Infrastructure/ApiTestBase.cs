using OneSeal.Platform.Database;

namespace OneSeal.Tests.Infrastructure;

/// <summary>
/// Base of an integration test class that runs on both databases. Write the tests once in an
/// abstract class deriving from this, then add two one-line subclasses, one per provider:
/// <code>
/// public abstract class HealthTests(OneSealFactory app) : ApiTestBase(app)
/// {
///     [Fact]
///     public async Task Health_is_ok() =>
///         (await Anonymous().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
/// }
///
/// [Trait("Provider", "Sqlite")]
/// public sealed class HealthTests_Sqlite(SqliteApp app) : HealthTests(app), IClassFixture&lt;SqliteApp&gt;;
/// [Trait("Provider", "Postgres")]
/// public sealed class HealthTests_Postgres(PostgresApp app) : HealthTests(app), IClassFixture&lt;PostgresApp&gt;;
/// </code>
/// xunit creates each fixture once per class, so each class gets one app and one fresh database per
/// provider, shared by its tests (make each test's data its own). See tests/INTEGRATION_TEST.md.
/// </summary>
public abstract class ApiTestBase(OneSealFactory app)
{
    protected OneSealFactory App { get; } = app;

    protected DatabaseProvider Provider => App.Provider;

    /// <summary>A client without credentials (no redirects followed).</summary>
    protected HttpClient Anonymous() => App.Anonymous();

    /// <summary>A client with a bearer token for the demo account <paramref name="username"/>.</summary>
    protected Task<HttpClient> ClientFor(string username) => App.ClientFor(username);

    /// <summary>Reads or writes the app's database directly (arrange and assert), in a fresh scope.</summary>
    protected Task<T> InDb<T>(Func<OneSealDb, Task<T>> work) => App.InDb(work);

    protected Task InDb(Func<OneSealDb, Task> work) => App.InDb(work);

    /// <summary>A short unique suffix for data a test creates, so tests sharing the class's database never collide.</summary>
    protected static string Unique(string prefix = "t") => prefix + Guid.NewGuid().ToString("N")[..12];
}
