using Reporting.Bench;

// reporting-bench-phases <phase> <dir>: runs one benchmark phase over the export in <dir> and prints its result as one
// JSON line (docs/benchmark.md). reporting-bench starts it once per measured run; scripts/bench.sh publishes it natively.
if (args.Length != 2 || !BenchPhases.All.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: reporting-bench-phases <phase> <dir>; phases are {string.Join(", ", BenchPhases.All)}.");
    return 2;
}

if (!Directory.Exists(args[1]))
{
    Console.Error.WriteLine($"reporting-bench-phases: there is no folder at {Path.GetFullPath(args[1])}.");
    return 2;
}

var result = BenchPhases.Run(args[0], new DirectoryInfo(args[1]));
Console.Out.WriteLine(result.ToJsonLine());
return result.Status == PhaseResult.Failed ? 1 : 0;
