using OneSeal.Platform.Time;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OneSeal.Platform.Database;
using OneSeal.Platform.Security;

namespace OneSeal.Platform.Http;

/// <summary>A creating POST remembered under its <c>Idempotency-Key</c>, so a retry gets the same answer and creates nothing twice.</summary>
public sealed class IdempotencyRecord
{
    public Guid AccountId { get; set; }
    public required string Key { get; set; }
    public required string RequestHash { get; set; }
    /// <summary>0 while the first request is still running.</summary>
    public int StatusCode { get; set; }
    public string? ResponseJson { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency_records");
        b.HasKey(x => new { x.AccountId, x.Key });
        b.Property(x => x.Key).HasMaxLength(128);
        b.Property(x => x.RequestHash).HasMaxLength(64);
        b.Property(x => x.ResponseJson).HasMaxLength(20000);
    }
}

/// <summary>Marks the request body of a creating POST; its JSON is what "the same request" means.</summary>
public interface IIdempotentBody;

/// <summary>Endpoint filter for creating POSTs. The first request claims the key; a concurrent twin gets 409, a later one the stored answer.</summary>
public sealed class IdempotencyFilter : IEndpointFilter
{
    public const string Header = "Idempotency-Key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[Header].ToString();
        var actor = Actor.From(http.User);
        if (string.IsNullOrEmpty(key) || actor is null) return await next(context);
        if (key.Length > 128) throw new InvalidInputException(Header, "max-length", "Idempotency-Key 不能超过128个字符。");

        var db = http.RequestServices.GetRequiredService<OneSealDb>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var hash = HashArguments(http, context.Arguments);
        var existing = await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == actor.Id && r.Key == key);
        if (existing is not null) return Replay(existing, hash);

        var record = new IdempotencyRecord { AccountId = actor.Id, Key = key, RequestHash = hash, CreatedAt = clock.Now() };
        db.Add(record);
        try { await db.SaveChangesAsync(); }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var twin = await db.Set<IdempotencyRecord>().AsNoTracking().FirstAsync(r => r.AccountId == actor.Id && r.Key == key);
            return Replay(twin, hash);
        }

        try
        {
            var result = await next(context);
            if (result is IStatusCodeHttpResult { StatusCode: { } status } && result is IValueHttpResult { Value: var value })
            {
                record.StatusCode = status;
                record.ResponseJson = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
                db.ChangeTracker.Clear();
                db.Update(record);
                await db.SaveChangesAsync();
            }
            return result;
        }
        catch
        {
            // The command failed and changed nothing: release the key so the client may retry.
            db.ChangeTracker.Clear();
            db.Remove(record);
            await db.SaveChangesAsync();
            throw;
        }
    }

    private static object Replay(IdempotencyRecord r, string hash)
    {
        if (r.RequestHash != hash)
            throw new ConflictException("idempotency-key-reused", "该 Idempotency-Key 已用于另一个不同的请求。");
        if (r.StatusCode == 0)
            throw new ConflictException("idempotency-in-progress", "使用该 Idempotency-Key 的请求仍在处理中，请稍后重试。");
        return Results.Text(r.ResponseJson ?? "null", "application/json", Encoding.UTF8, r.StatusCode);
    }

    private static string HashArguments(HttpContext http, IList<object?> arguments)
    {
        var body = string.Join('\n', arguments.OfType<IIdempotentBody>().Select(a => JsonSerializer.Serialize(a, a.GetType(), JsonSerializerOptions.Web)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Method + " " + http.Request.Path + " " + body)));
    }
}
