using System.Runtime;

namespace OneSeal.LoadBench;

/// <summary>Garbage collections and allocated bytes of this process, to tell the app's own CPU from the runtime's.</summary>
public readonly record struct GcCounts(int Gen0, int Gen1, int Gen2, long Allocated, TimeSpan Paused)
{
    public static GcCounts Now() =>
        new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration());

    public static GcCounts operator -(GcCounts a, GcCounts b) =>
        new(a.Gen0 - b.Gen0, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.Allocated - b.Allocated, a.Paused - b.Paused);

    public string Describe(int operations) =>
        $"allocated {Allocated / 1024.0 / Math.Max(1, operations):0} KB per transition; GCs gen0 {Gen0}, gen1 {Gen1}, gen2 {Gen2} " +
        $"({(GCSettings.IsServerGC ? "server" : "workstation")} GC, paused {Paused.TotalMilliseconds:0} ms in all)";
}
