"""How fast the demo generator writes a council: prints figures, asserts nothing.

    nice .venv/bin/python bench/generate.py [--papers 10000] [--seed 1] [--out bench/out/generate]

The output folder is replaced on each run (bench/out/ is git-ignored).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from councilsearch.demo.generate import describe, generate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=os.path.join("bench", "out", "generate"))
    args = parser.parse_args(argv)

    cpu0, wall0 = time.process_time(), time.perf_counter()
    summary = generate(args.out, papers=args.papers, seed=args.seed,
                       progress=lambda done, total: print(f"  {done}/{total}", file=sys.stderr))
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    print(describe(summary))
    print(f"papers:        {summary.papers}")
    print(f"wall time:     {wall:.1f} s  ({summary.papers / wall:.0f} papers/s)")
    print(f"cpu time:      {cpu:.1f} s  ({1000 * cpu / summary.papers:.1f} ms cpu per paper)")
    print(f"bytes written: {summary.bytes / 1e6:.1f} MB  ({summary.bytes / summary.papers / 1024:.1f} KiB per paper)")
    print(f"questions:     {summary.questions}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
