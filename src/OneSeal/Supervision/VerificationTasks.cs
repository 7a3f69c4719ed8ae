using OneSeal.Platform.Database;

namespace OneSeal.Supervision;

/// <summary>The supervision capability's commands: how another capability asks for a verification task.</summary>
public static class VerificationTasks
{
    /// <summary>Adds an open task to <paramref name="db"/>'s unit of work; it commits with the caller's decision.</summary>
    public static void Open(OneSealDb db, Guid caseId, string caseNumber, Guid departmentId, string subject, DateOnly dueOn, DateTimeOffset now) =>
        db.Add(new VerificationTask
        {
            Id = Guid.NewGuid(), CaseId = caseId, CaseNumber = caseNumber, DepartmentId = departmentId,
            Subject = subject, DueOn = dueOn, Status = VerificationStatus.Open, CreatedAt = now,
        });
}
