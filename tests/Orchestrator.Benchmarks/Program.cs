using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Orchestrator.Benchmarks.Quality.QualityReportBenchmarks).Assembly).Run(args);
