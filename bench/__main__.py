"""``python -m bench [--quick] [--only polling|pycircleci]``: run the workloads and print the tables.

The fake CircleCI servers and latency proxies run in one child process; each
job runs in a fresh interpreter (this repository's, or the venv of
circleci.py 1.2.2 or of pycircleci 0.7.0), in a temporary directory. Then
the API calls the waits spend are counted against FakeCircleCI on a fake
clock (:mod:`bench.polling`). The exit status is 0 when every target
passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time

from . import legacy, polling, report, servers
from .workloads import BARE, FULL, LEGACY, OURS, PYCI, QUICK, Runner, measures

PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "pythonpath", "curl_ca_bundle")


def job_environment(ca_bundle: str) -> dict[str, str]:
    """This environment without proxies or PYTHONPATH, trusting the benchmark's CA."""
    env = {name: value for name, value in os.environ.items() if name.lower() not in PROXY_VARIABLES}
    env.update(REQUESTS_CA_BUNDLE=ca_bundle, NO_PROXY="127.0.0.1,localhost", CIRCLE_TOKEN="")
    return env


def machine() -> str:
    """CPU model, cores and Python version, for the docs."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()} ({platform.system()})"


def main(argv: list[str]) -> int:
    """Parse arguments, run the workloads, print the table; 0 when every target passes."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and smaller sizes, for a smoke run")
    parser.add_argument(
        "--only",
        default="",
        help="'polling' for only the polling figures, 'pycircleci' for only the workloads with a pycircleci "
        "column, or a prefix of workload keys (e.g. per_call) for only those",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    started = time.monotonic()
    if args.only == "polling":
        print(polling.render(polling.measure_all(), started))
        return 0
    legacy_python = legacy.ensure()
    pycircleci_python = legacy.ensure_pycircleci()
    with tempfile.TemporaryDirectory(prefix="circleci-bench-") as workdir:
        environment = job_environment(servers.write_certificates(workdir))
        runner = Runner(legacy_python, environment, workdir, pycircleci_python)
        with servers.running(workdir) as urls:
            chosen = measures(settings, urls)
            if args.only == "pycircleci":
                chosen = [measure for measure in chosen if measure.jobs.get(PYCI) is not None]
            elif args.only:
                chosen = [measure for measure in chosen if measure.key.startswith(args.only)]
            done = [runner.run_measure(measure) for measure in chosen]
        if args.only:
            rows = report.build_rows(done)
            print(report.render(rows))
            print(f"\nMachine: {machine()}; took {time.monotonic() - started:.0f} s")
            return 0
        done.append(
            runner.time_imports(
                "import",
                {
                    OURS: "import circleci",
                    BARE: "import requests",
                    LEGACY: "import circleci",
                    PYCI: "import pycircleci",
                },
                settings.import_runs,
            )
        )
        done.append(
            runner.time_imports(
                "import_api",
                {
                    OURS: "import circleci.api",
                    BARE: "import requests",
                    LEGACY: "import circleci.api",
                    PYCI: "import pycircleci.api",
                },
                settings.import_runs,
            )
        )
    rows = report.build_rows(done)
    verdicts = report.judge(rows)
    sys.stderr.flush()
    print(report.render(rows))
    print(f"\n{'quick run: indicative only. ' if args.quick else ''}Machine: {machine()}")
    print(f"\n{polling.render(polling.measure_all())}")
    failed = [goal for goal, _, passed in verdicts if not passed]
    print(f"Targets: {len(verdicts) - len(failed)} of {len(verdicts)} passed; took {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
