"""Run a command; write its exit code, CPU seconds and peak RSS (from ``wait4``) as JSON to a file.

    python -I -S scripts/rusage_run.py OUT.json COMMAND [ARGS...]

``scripts/benchmark.py`` starts every crawl through this small process. On Linux a process
started from another (fork, vfork, posix_spawn) keeps the larger of its peak RSS before and
after ``exec``, so a crawl started straight from the benchmark process, which holds the site
being served, would report at least the benchmark's own peak. Started from here, the floor is
this launcher's few MB. Imports nothing beyond the standard library on purpose.
"""

import json
import os
import sys


def main() -> int:
    out, command = sys.argv[1], sys.argv[2:]
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump({"exit_code": os.waitstatus_to_exitcode(status), "cpu_user_s": usage.ru_utime,
                   "cpu_system_s": usage.ru_stime, "peak_rss_kb": usage.ru_maxrss}, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
