using System.Text.Encodings.Web;
using System.Text.Json;
using OneSeal.Platform.Database;

namespace OneSeal.Platform.Events;

/// <summary>How a capability records an event: added to the caller's unit of work, committed (or rolled back) with it.</summary>
public static class EventLog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static EventRecord Record(OneSealDb db, string type, string subject, object data, DateTimeOffset now,
        Guid? departmentId = null, string? itemCode = null, string? action = null)
    {
        if (!EventTypes.All.Contains(type)) throw new ArgumentException($"Unknown event type {type}; add it to EventTypes.", nameof(type));
        var e = new EventRecord
        {
            Id = Guid.NewGuid(), Type = type, Subject = subject, Time = now, DepartmentId = departmentId, ItemCode = itemCode, Action = action,
            Data = JsonSerializer.Serialize(data, Json),
        };
        db.Add(e);
        return e;
    }
}

/// <summary>The event types other systems may subscribe to (issue 13 §3): the contract, so only these are recorded.</summary>
public static class EventTypes
{
    public const string CaseSubmitted = "case.submitted", CaseAccepted = "case.accepted", CaseCorrected = "case.corrected",
        CaseRefused = "case.refused", CaseSuspended = "case.suspended", CaseResumed = "case.resumed", CaseExtended = "case.extended",
        CaseDecided = "case.decided", CaseDelivered = "case.delivered";
    public const string CertificateIssued = "certificate.issued", CertificateChanged = "certificate.changed", CertificateRevoked = "certificate.revoked";
    public const string SupervisionPushed = "supervision.pushed", SupervisionClaimed = "supervision.claimed", SupervisionReported = "supervision.reported";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        CaseSubmitted, CaseAccepted, CaseCorrected, CaseRefused, CaseSuspended, CaseResumed, CaseExtended, CaseDecided, CaseDelivered,
        CertificateIssued, CertificateChanged, CertificateRevoked, SupervisionPushed, SupervisionClaimed, SupervisionReported,
    };
}
