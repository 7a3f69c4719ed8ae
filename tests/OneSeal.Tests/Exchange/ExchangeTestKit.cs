using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneSeal.Platform.Events;
using OneSeal.Tests.Infrastructure;

namespace OneSeal.Tests.Exchange;

/// <summary>What the exchange tests share: reading the pull feed to its end and the events of one subject.</summary>
public static class ExchangeTestKit
{
    /// <summary>The environment variable scripts/test.sh sets to its throwaway RabbitMQ's AMQP URI.</summary>
    public const string RabbitMqVariable = "ONESEAL_TEST_RABBITMQ";
    /// <summary>A script that runs rabbitmqctl against that node (stop_app / start_app).</summary>
    public const string RabbitMqCtlVariable = "ONESEAL_TEST_RABBITMQCTL";

    public static async Task<(List<JsonElement> Events, string Next)> ReadFeedAsync(HttpClient client, string after = "0", int limit = 100)
    {
        using var response = await client.GetAsync($"/api/v1/events?after={after}&limit={limit}");
        if (response.StatusCode != HttpStatusCode.OK)
            throw new ShouldAssertException($"GET /api/v1/events → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var body = (await response.Content.ReadFromJsonAsync<JsonElement>())!;
        return ([.. body.GetProperty("events").EnumerateArray().Select(e => e.Clone())], body.GetProperty("next").GetString()!);
    }

    /// <summary>Every event the client may read, following <c>next</c> until a page comes back empty.</summary>
    public static async Task<List<JsonElement>> ReadAllAsync(HttpClient client, int limit = 1000)
    {
        var all = new List<JsonElement>();
        var cursor = "0";
        while (true)
        {
            var (events, next) = await ReadFeedAsync(client, cursor, limit);
            all.AddRange(events);
            if (events.Count == 0 && next == cursor) return all;
            cursor = next;
        }
    }

    public static Task<List<EventRecord>> EventsOfAsync(OneSealFactory app, string subject) =>
        app.InDb(db => db.Set<EventRecord>().AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Seq).ToListAsync());
}

/// <summary>A test that needs the throwaway RabbitMQ of scripts/test.sh: skipped only where <c>ONESEAL_TEST_RABBITMQ</c> is not set (a local run without it).</summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ExchangeTestKit.RabbitMqVariable)))
            Skip = "needs RabbitMQ: ONESEAL_TEST_RABBITMQ (bash scripts/test.sh starts one)";
    }
}
