namespace OneSeal.Seal;

public sealed class Certificate { public required string Number { get; set; } }
