#!/usr/bin/env python3
"""Runs a command and records its wall time and peak memory (for bench/index_scale).

Usage: bench/measure.py RESULT -- COMMAND [ARG...]

Runs COMMAND with this process's stdin/stdout/stderr and, once it exits, writes one line to
RESULT:
  status=N wall_s=S user_s=U sys_s=Y peak_rss_mb=M
peak_rss_mb is getrusage(RUSAGE_CHILDREN).ru_maxrss: the largest resident set of the command or
of any of its descendants it waited for (the JVM for Lucene; talash's own process), in MiB.
Exits with COMMAND's status. Needs no package (GNU time's `-v` reports the same number).
"""
import os
import resource
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        print(__doc__, file=sys.stderr)
        return 2
    result, cmd = sys.argv[1], sys.argv[3:]
    t0 = time.monotonic()
    try:
        status = subprocess.call(cmd)
    except OSError as e:
        print(f"measure: cannot run {cmd[0]}: {e}", file=sys.stderr)
        return 127
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(result + ".part", "w") as f:
        f.write(f"status={status} wall_s={wall:.2f} user_s={ru.ru_utime:.2f} sys_s={ru.ru_stime:.2f} "
                f"peak_rss_mb={ru.ru_maxrss / 1024:.0f}\n")
    os.replace(result + ".part", result)
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main())
