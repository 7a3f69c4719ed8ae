using Npgsql;
using OneSeal.Platform.Http;

namespace OneSeal.Tests.Platform;

/// <summary>
/// A database out of connections is "busy, try again" (503 with Retry-After), not a 500: found by the hall-day benchmark,
/// where 100 windows and the board's streams took more connections than PostgreSQL's max_connections.
/// </summary>
public sealed class ServiceBusyTests
{
    [Theory]
    [InlineData("53300")] // too_many_connections
    [InlineData("57P03")] // cannot_connect_now (starting up)
    [InlineData("53400")] // configuration_limit_exceeded
    public void Too_many_clients_is_busy_also_inside_EF_s_transient_wrapper(string sqlState)
    {
        var refused = new PostgresException("sorry, too many clients already", "FATAL", "FATAL", sqlState);
        Assert.True(ServiceBusyException.IsBusy(refused));
        Assert.True(ServiceBusyException.IsBusy(new InvalidOperationException("An exception has been raised that is likely due to a transient failure.", refused)));
    }

    [Fact]
    public void An_exhausted_pool_is_busy_and_other_database_errors_are_not()
    {
        Assert.True(ServiceBusyException.IsBusy(new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 1) or 'Timeout' (currently 1 seconds) in your connection string.")));
        Assert.False(ServiceBusyException.IsBusy(new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505")));
        Assert.False(ServiceBusyException.IsBusy(new InvalidOperationException("Sequence contains no elements")));
        Assert.Equal(503, new ServiceBusyException().StatusCode);
    }
}

public sealed class PoolDefaultTests
{
    [Fact]
    public void An_instance_opens_at_most_40_connections_unless_the_connection_string_says()
    {
        var plain = new NpgsqlConnectionStringBuilder(OneSeal.Platform.Database.DatabaseSetup.WithPoolDefault("Host=db;Username=u;Database=d"));
        Assert.Equal(40, plain.MaxPoolSize);
        Assert.Equal("db", plain.Host);
        Assert.Equal(12, new NpgsqlConnectionStringBuilder(OneSeal.Platform.Database.DatabaseSetup.WithPoolDefault("Host=db;MaxPoolSize=12")).MaxPoolSize);
        Assert.Equal(100, new NpgsqlConnectionStringBuilder(OneSeal.Platform.Database.DatabaseSetup.WithPoolDefault("Host=db;Maximum Pool Size=100")).MaxPoolSize);
    }
}
