// Filled in by the benchmark commit.
print("xinfang-bench: no benchmarks yet")
