"""`make bench`: every benchmark of the project, one after another, as figures to read.

Run on a quiet machine: each figure is CPU or wall time of this machine, not a verdict.
"""

from bench import data_bench, distributed_bench, emulator_bench, suite_bench


def main() -> None:
    print("== the emulator: creations per second, model off ==")
    emulator_bench.run(employees=5000, concurrency=8)
    print("\n== the test data: generation cost ==")
    data_bench.main()
    print("\n== the suite: CPU per created employee ==")
    suite_bench.main(3000)
    print("\n== distributed: 1, 2 and 4 worker processes on this machine ==")
    distributed_bench.main(employees=4000, users=40, workers=(1, 2, 4))


if __name__ == "__main__":
    main()
