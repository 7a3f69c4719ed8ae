namespace OneSeal.Queue.Tickets;

/// <summary>An appointment checked in for a ticket: its theme, and the person who booked it.</summary>
public sealed record CheckedInAppointment(Guid AppointmentId, string ThemeCode, Guid HallId, string IdNumberHash);

/// <summary>
/// Checks an appointment in when its holder takes a ticket with it (implemented by the appointments). Runs inside the
/// ticket's transaction; refuses with a DomainException (409 naming the rule, e.g. not within the check-in window,
/// cancelled, already checked in) so that no ticket is taken.
/// </summary>
public interface IAppointmentCheckIn
{
    Task<CheckedInAppointment> CheckInAsync(Guid appointmentId, DateTimeOffset now, CancellationToken ct);
}
