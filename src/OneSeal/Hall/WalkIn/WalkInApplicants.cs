using OneSeal.Hall.Seats;
using OneSeal.Organisation.Applicants;
using OneSeal.Platform.Security;

namespace OneSeal.Hall.WalkIn;

/// <summary>
/// Walk-in applicants at the hall: recording one takes a seat at a comprehensive or department window (where cases are
/// filed); finding one, a seat at any window of the hall. The records themselves are the applicants' accounts (<see cref="WalkInRecords"/>).
/// </summary>
public sealed class WalkInApplicants(WalkInRecords records, WindowSeats seats)
{
    public static readonly WindowKind[] IntakeKinds = [WindowKind.Comprehensive, WindowKind.Department];

    public async Task<(ApplicantRecord Record, bool Created)> RecordAsync(Actor actor, WalkInRequest? r, CancellationToken ct)
    {
        await seats.EnsureAtAsync(actor, "window", ct, IntakeKinds);
        return await records.RecordAsync(actor, r, ct);
    }

    public async Task<IReadOnlyList<ApplicantRecord>> FindAsync(Actor actor, string? idNumber, string? uscc, CancellationToken ct)
    {
        await seats.EnsureAtAsync(actor, "window", ct, Enum.GetValues<WindowKind>());
        return await records.FindAsync(actor, idNumber, uscc, ct);
    }

    public async Task<ApplicantRecord> GetAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await seats.EnsureAtAsync(actor, "window", ct, Enum.GetValues<WindowKind>());
        return await records.GetAsync(id, ct);
    }
}
