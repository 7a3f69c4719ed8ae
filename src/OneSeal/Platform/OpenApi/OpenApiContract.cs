using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace OneSeal.Platform.OpenApi;

/// <summary>
/// The OpenAPI document other systems build their clients from (<c>/openapi/v1.json</c>), kept clean under Redocly's
/// recommended rules (<c>tools/openapi-lint</c>, run by <c>scripts/test.sh</c>): the bearer scheme and each operation's
/// security, and the problem+json answers every operation shares. Operation ids and summaries are written per endpoint
/// (<c>.WithName</c>, <c>.WithSummary</c>); <see cref="OperationContract"/> only fills a gap mechanically.
/// </summary>
public static class OpenApiContract
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "Problem";

    public static IServiceCollection AddOneSealOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<DocumentContract>();
            o.AddOperationTransformer<OperationContract>();
        });

    /// <summary>The shared components, added once whichever transformer reaches the document first.</summary>
    internal static void EnsureComponents(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes.TryAdd(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An access token from POST /api/v1/auth/token (refresh with POST /api/v1/auth/refresh), sent as Authorization: Bearer <token>.",
        });
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, Problem());
    }

    /// <summary>RFC 9457 problem details as Platform/Http/Problems.cs writes them: the rule, and the fields it names.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. title and detail carry the Chinese message; rule names the rule that refused; errors names the fields.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["rule"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}

/// <summary>Title, licence, the shared components, and a description for every tag the operations use.</summary>
internal sealed class DocumentContract : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "OneSeal (一章通) API";
        document.Info.Description = "The approval bureau's API: the catalogue, cases, certificates, the hall and queue, administration. " +
            "Errors are RFC 9457 problem+json naming the field and the rule.";
        document.Info.License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://oneseal.example/licence") };
        OpenApiContract.EnsureComponents(document);
        // The document names no host: clients call the deployment that served it (whose address the request carried).
        document.Servers = [new OpenApiServer { Url = "/", Description = "This deployment: the host that served this document." }];
        TrimTrailingSlashes(document);

        var used = document.Paths.Values.SelectMany(p => (IEnumerable<OpenApiOperation>?)p.Operations?.Values ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var name in used)
        {
            var tag = document.Tags.FirstOrDefault(t => t.Name == name);
            if (tag is null) document.Tags.Add(tag = new OpenApiTag { Name = name });
            tag.Description ??= $"Operations on {name}.";
        }
        return Task.CompletedTask;
    }

    /// <summary>A group's <c>"/"</c> route comes out as <c>/api/v1/cases/</c>; the server answers both, the contract names one.</summary>
    private static void TrimTrailingSlashes(OpenApiDocument document)
    {
        foreach (var key in document.Paths.Keys.Where(k => k.Length > 1 && k.EndsWith('/')).ToList())
        {
            var trimmed = key.TrimEnd('/');
            if (document.Paths.ContainsKey(trimmed)) continue;
            document.Paths[trimmed] = document.Paths[key];
            document.Paths.Remove(key);
        }
    }
}

/// <summary>
/// Per operation: the bearer requirement from the endpoint's authorization metadata (anonymous endpoints say
/// <c>security: []</c>), the problem+json answers that apply, and — only where an endpoint forgot them — a mechanical
/// operation id and summary, so an endpoint added without them still lints clean.
/// </summary>
internal sealed class OperationContract : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document;
        if (document is not null) OpenApiContract.EnsureComponents(document);
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = (description.HttpMethod ?? "GET").ToUpperInvariant();
        var path = "/" + (description.RelativePath ?? "").TrimStart('/');

        operation.OperationId ??= MechanicalId(method, path);
        if (string.IsNullOrWhiteSpace(operation.Summary)) operation.Summary = $"{method} {path}";

        var anonymous = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        operation.Security = new List<OpenApiSecurityRequirement>();
        if (!anonymous)
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiContract.BearerScheme, document)] = [] });

        var hasBody = operation.RequestBody is not null;
        IList<IOpenApiParameter> parameters = operation.Parameters ?? [];
        operation.Responses ??= new OpenApiResponses();
        // Every request's path and query are checked for NUL and lone surrogates (Platform/Http/RequestTextRules), so any
        // operation may answer 400; bodies and parameters add their own rules.
        Add(operation, document, 400, "The input broke a rule: the problem names the field and the rule.");
        if (!anonymous)
        {
            Add(operation, document, 401, "No valid bearer token.");
            Add(operation, document, 403, "The caller's role or data scope does not allow this.");
        }
        if (parameters.Any(p => p.In == ParameterLocation.Path)) Add(operation, document, 404, "Not found, or not in the caller's data scope.");
        if (!anonymous && method is "POST" or "PUT" or "PATCH" or "DELETE") Add(operation, document, 409, "The record changed meanwhile or is in a state that does not allow this.");
        if (hasBody) Add(operation, document, 413, "The request body is larger than the route allows.");
        if (metadata.OfType<EnableRateLimitingAttribute>().Any()) Add(operation, document, 429, "Too many requests: wait for Retry-After.");
        Add(operation, document, 503, "The database is busy: nothing was written; retry after Retry-After.");
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument? document, int status, string text)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.TryGetValue(key, out var existing) && existing is OpenApiResponse { Content.Count: > 0 }) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = existing?.Description is { Length: > 0 } d ? d : text,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(OpenApiContract.ProblemSchema, document) },
            },
        };
    }

    /// <summary><c>POST /api/v1/supervision/pushes/{id}/claim</c> → <c>postSupervisionPushesIdClaim</c>.</summary>
    internal static string MechanicalId(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s is not "api" && !(s.Length == 2 && s[0] == 'v' && char.IsDigit(s[1])))
            .SelectMany(s => s.Trim('{', '}').Split(':')[0].Split('-', '_', '.'))
            .Where(w => w.Length > 0 && w.All(char.IsAsciiLetterOrDigit))
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]);
        return method.ToLowerInvariant() + string.Concat(words);
    }
}
