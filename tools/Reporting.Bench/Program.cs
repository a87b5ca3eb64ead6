using Reporting.Bench;

// reporting-bench: development only (docs/benchmark.md). scripts/bench.sh builds the CLI and the large trial, then runs it.
return await BenchCommand.CreateRoot().Parse(args).InvokeAsync();
