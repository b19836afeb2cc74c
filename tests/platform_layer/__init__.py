"""Tests of secondopinion_desktop/platform/.

Not named `platform`: the benchmark scripts run with tests/ on sys.path, where a `platform`
package would hide the standard library's (bench_speed.py failed on it).
"""
