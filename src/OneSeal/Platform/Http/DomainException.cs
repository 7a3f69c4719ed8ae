namespace OneSeal.Platform.Http;

/// <summary>
/// A rule said no. Thrown by command handlers before anything is written; the API turns it into
/// RFC 9457 problem+json and the pages into a message beside the field.
/// </summary>
public abstract class DomainException(string message) : Exception(message)
{
    public abstract int StatusCode { get; }
    /// <summary>Short machine-readable rule name, e.g. <c>separation-of-duties</c>.</summary>
    public abstract string Rule { get; }
}

/// <summary>400: input broke a rule. <see cref="Field"/> names the input (API name, e.g. <c>form.uscc</c>).</summary>
public sealed class InvalidInputException(string field, string rule, string message) : DomainException(message)
{
    public string Field { get; } = field;
    public override string Rule { get; } = rule;
    public override int StatusCode => 400;
    public IReadOnlyDictionary<string, string[]> Errors => new Dictionary<string, string[]> { [Field] = [Message] };
}

/// <summary>
/// 400 with several fields at once (e.g. a form with three bad fields); <see cref="Rules"/>, when given, names each
/// field's own broken rules (problem+json <c>rules</c>), the overall rule being <c>validation</c>.
/// </summary>
public sealed class InvalidInputsException(IReadOnlyDictionary<string, string[]> errors, string rule = "validation",
    IReadOnlyDictionary<string, string[]>? rules = null)
    : DomainException("提交的信息有误：" + string.Join("；", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
    public IReadOnlyDictionary<string, string[]>? Rules { get; } = rules;
    public override string Rule { get; } = rule;
    public override int StatusCode => 400;
}

/// <summary>404.</summary>
public sealed class NotFoundException(string what) : DomainException(what)
{
    public override int StatusCode => 404;
    public override string Rule => "not-found";
}

/// <summary>403: the actor may not do this (role, data scope or separation of duties).</summary>
public sealed class ForbiddenException(string rule, string message) : DomainException(message)
{
    public override int StatusCode => 403;
    public override string Rule { get; } = rule;
}

/// <summary>409: the transition is not allowed in the current state, or the state changed meanwhile.</summary>
public sealed class ConflictException(string rule, string message) : DomainException(message)
{
    public override int StatusCode => 409;
    public override string Rule { get; } = rule;
}

/// <summary>413: an upload over the configured limit.</summary>
public sealed class TooLargeException(string field, string message) : DomainException(message)
{
    public string Field { get; } = field;
    public override int StatusCode => 413;
    public override string Rule => "max-size";
}

/// <summary>
/// 503: the database refused more work for now (no free connection, too many clients, starting up). Nothing was written;
/// the client may try again after <see cref="RetryAfterSeconds"/>.
/// </summary>
public sealed class ServiceBusyException() : DomainException("系统繁忙，请稍后重试。")
{
    public const int RetryAfterSeconds = 2;
    public override int StatusCode => 503;
    public override string Rule => "busy";

    /// <summary>The exception, or one inside it, says the database is out of connections or not yet accepting them.</summary>
    public static bool IsBusy(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is Npgsql.PostgresException { SqlState: "53300" or "57P03" or "53400" }) return true;
            if (x is Npgsql.NpgsqlException n && n.Message.Contains("connection pool has been exhausted", StringComparison.Ordinal)) return true;
        }
        return false;
    }
}
