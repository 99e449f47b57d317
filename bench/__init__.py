"""Side-by-side benchmarks: this client, a bare ``requests.Session`` and circleci.py 1.2.2.

Run with ``make bench`` (``python -m bench``; ``--quick`` for a smoke run).
See ``docs/performance.rst`` for what each workload measures and the latest
results. These are measurements, not tests: nothing here runs under pytest.
"""
