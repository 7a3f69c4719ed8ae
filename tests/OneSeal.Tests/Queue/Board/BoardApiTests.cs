using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OneSeal.Platform.Signals;
using OneSeal.Queue.Board;
using OneSeal.Tests.Api;
using OneSeal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OneSeal.Tests.Queue.Board;

/// <summary>The board over HTTP: the snapshot as JSON and the live stream (SSE), anonymous and without personal data.</summary>
public abstract class BoardApiTests(OneSealFactory app, ITestOutputHelper output) : CaseApiTestBase(app)
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(5);

    private TestQueueBoard Board => App.Services.GetRequiredService<TestQueueBoard>();
    private ISignals Signals => App.Services.GetRequiredService<ISignals>();

    private async Task<(HttpResponseMessage Response, SseReader Reader)> OpenStreamAsync(HttpClient client, string query = "")
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/queue/board/stream" + query),
            HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (response, new SseReader(await response.Content.ReadAsStreamAsync()));
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        await ShouldBeAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The stream subscribes before its first read; on PostgreSQL the LISTEN may follow a moment later.</summary>
    private async Task ListeningAsync()
    {
        if (Signals is PostgresSignals pg) await pg.ListeningAsync(QueueSignals.Channel, default).WaitAsync(Generous);
    }

    [Fact]
    public async Task The_snapshot_is_anonymous_JSON_with_numbers_and_window_names_only()
    {
        using var client = Anonymous();
        using var response = await client.GetAsync("/api/v1/queue/board");
        var body = await BodyAsync(response);
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("hallName").GetString().ShouldBe("县政务服务中心一楼大厅");
        json.GetProperty("hallId").GetGuid().ShouldBe(TestQueueBoard.HallId);
        var call = json.GetProperty("lastCalls")[0];
        (call.GetProperty("ticketNumber").GetString(), call.GetProperty("windowNumber").GetString(), call.GetProperty("windowName").GetString())
            .ShouldBe(("A021", "A01", "综合受理一号窗口"));
        call.TryGetProperty("ticketId", out _).ShouldBeFalse("a ticket's id opens the ticket's page: not for a public screen");
        body.ShouldNotContain(Board.Snapshot.LastCalls[0].TicketId.ToString());
        json.GetProperty("waiting")[0].GetProperty("waiting").GetInt32().ShouldBe(7);
        json.GetProperty("noticeLine").GetString()!.ShouldContain("取号");

        using (var same = await client.GetAsync($"/api/v1/queue/board?hall={TestQueueBoard.HallId}")) await ShouldBeAsync(same, HttpStatusCode.OK);
        using (var bad = await client.GetAsync("/api/v1/queue/board?hall=abc"))
            await ShouldBeProblemAsync(bad, HttpStatusCode.BadRequest, field: "hall", rule: "format");
        using (var other = await client.GetAsync($"/api/v1/queue/board?hall={Guid.NewGuid()}")) await ShouldBeProblemAsync(other, HttpStatusCode.NotFound);
        using (var badStream = await client.GetAsync("/api/v1/queue/board/stream?hall="))
            await ShouldBeProblemAsync(badStream, HttpStatusCode.BadRequest, rule: "format");
    }

    [Fact]
    public async Task The_stream_sends_the_snapshot_then_a_call_within_a_second_of_publishing()
    {
        using var client = Anonymous();
        var (response, reader) = await OpenStreamAsync(client);
        using (response)
        using (reader)
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            response.Headers.GetValues("X-Accel-Buffering").ShouldBe(["no"]);
            response.Headers.CacheControl!.NoTransform.ShouldBeTrue();
            var first = await reader.NextAsync(Generous);
            first!.Name.ShouldBe("snapshot");
            reader.Retry.ShouldNotBeNull();
            JsonDocument.Parse(first.Data).RootElement.GetProperty("lastCalls")[0].GetProperty("ticketNumber").GetString().ShouldBe("A021");
            await ListeningAsync();

            var call = TestQueueBoard.Call("A023", "A05", "综合受理五号窗口");
            var clock = Stopwatch.StartNew();
            await TestQueueBoard.PublishCallAsync(Signals, call);
            var received = await reader.NextAsync("call", Generous);
            var delay = clock.Elapsed;
            output.WriteLine($"{Provider}: publish → call event on the stream in {delay.TotalMilliseconds:0.0} ms");
            delay.ShouldBeLessThan(Generous, "the issue asks for 1 s; asserted generously against a busy CI machine");
            var c = JsonDocument.Parse(received.Data).RootElement;
            (c.GetProperty("ticketNumber").GetString(), c.GetProperty("windowNumber").GetString(), c.GetProperty("recall").GetInt32()).ShouldBe(("A023", "A05", 0));
            long.Parse(received.Id!).ShouldBeGreaterThan(long.Parse(first.Id!));
            // A call changes the waiting counts too: a fresh snapshot follows.
            (await reader.NextAsync("snapshot", Generous)).ShouldNotBeNull();
            reader.Raw.ToString().ShouldNotContain(call.TicketId.ToString());

            // A call for another hall is not this board's.
            await Signals.PublishAsync(QueueSignals.Channel, JsonSerializer.Serialize(new { kind = "call", hallId = Guid.NewGuid(), call }, JsonSerializerOptions.Web), default);
            await TestQueueBoard.PublishCallAsync(Signals, call with { Recall = 1 });
            var recall = JsonDocument.Parse((await reader.NextAsync("call", Generous)).Data).RootElement;
            recall.GetProperty("recall").GetInt32().ShouldBe(1, "the other hall's call was skipped; the recall comes as a call again");
        }
    }

    [Fact]
    public async Task A_burst_of_changes_costs_few_reads_and_a_reconnect_gets_the_snapshot_again()
    {
        using var client = Anonymous();
        var (response, reader) = await OpenStreamAsync(client);
        using (response)
        using (reader)
        {
            (await reader.NextAsync("snapshot", Generous)).ShouldNotBeNull();
            await ListeningAsync();
            var readsBefore = Board.Reads;
            for (var i = 0; i < 30; i++) await TestQueueBoard.PublishChangedAsync(Signals);
            (await reader.NextAsync("snapshot", Generous)).ShouldNotBeNull();
            await Task.Delay(1000);
            var reads = Board.Reads - readsBefore;
            output.WriteLine($"{Provider}: 30 changes → {reads} reads");
            reads.ShouldBeInRange(1, 8, "re-read at most once per 200 ms, not once per change");
        }

        // The board changed while the stream was gone: the new stream starts from the current snapshot.
        var before = Board.Snapshot;
        Board.Snapshot = before with { LastCalls = [TestQueueBoard.Call("B007", "B02", "不动产登记窗口")] };
        try
        {
            var (again, reader2) = await OpenStreamAsync(client);
            using (again)
            using (reader2)
            {
                var first = await reader2.NextAsync(Generous);
                first!.Name.ShouldBe("snapshot");
                first.Data.ShouldContain("B007");
            }
        }
        finally
        {
            Board.Snapshot = before;
        }
    }

    [Fact]
    public async Task The_window_screen_shows_the_number_window_and_staff_name_but_no_staff_number_or_ids()
    {
        using var client = Anonymous();
        using var page = await client.GetAsync("/window/A01/screen");
        var html = await BodyAsync(page);
        html.ShouldContain("A021");
        html.ShouldContain("王小明");
        html.ShouldContain("暂无评价");
        html.ShouldNotContain("GH0451");
        html.ShouldNotContain(TestQueueBoard.StaffId.ToString());

        using var data = await client.GetAsync("/window/A01/screen?handler=Data");
        var json = await BodyAsync(data);
        json.ShouldContain("\"currentTicket\":\"A021\"");
        json.ShouldNotContain("GH0451");
        json.ShouldNotContain(TestQueueBoard.StaffId.ToString());

        using (var photo = await client.GetAsync("/window/A01/screen?handler=Photo")) photo.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var missing = await client.GetAsync("/window/Z99/screen")) missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var board = await client.GetAsync("/board"))
        {
            var boardHtml = await BodyAsync(board);
            boardHtml.ShouldContain("县政务服务中心一楼大厅");
            boardHtml.ShouldContain("A021");
        }
    }
}

[Trait("Provider", "Sqlite")]
public sealed class BoardApiTests_Sqlite(BoardSqliteApp app, ITestOutputHelper output) : BoardApiTests(app, output), IClassFixture<BoardSqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class BoardApiTests_Postgres(BoardPostgresApp app, ITestOutputHelper output) : BoardApiTests(app, output), IClassFixture<BoardPostgresApp>;
