"""Under Scrapyd: the project deployed with ``scrapyd-deploy`` to a real Scrapyd, two jobs as workers.

No fakes: a ``scrapyd`` of the test's own (its own scrapyd.conf, directories and loopback port), the
egg built and uploaded by ``scrapyd-deploy`` from a copy of the project (so the build leaves nothing
in the checkout), two ``journal`` jobs scheduled through ``schedule.json`` as the README says, one
start URL of a local OJS-like site pushed to a real Redis, and the jobs' own files read afterwards.
CI installs scrapyd and scrapyd-client (the ``test`` extra): where they are missing the test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest
import redis

from harvester.demo.journal_factory import generate_journal
from harvester.demo.ojs import HOME_PATH, OjsSite
from harvester.demo.server import serve
from tests.conftest import ROOT, check_report_accounting, free_port, read_jsonl

pytestmark = pytest.mark.e2e

PROJECT = "journal-harvester"
VERSION = "pytest-1"
# What the egg is built from (pyproject.toml's packages and package data; README.md is its readme).
PROJECT_FILES = ("pyproject.toml", "setup.py", "scrapy.cfg", "README.md", "harvester", "spiders", "pipelines")
# Our own loopback site needs no politeness delay; workers give up 5 idle seconds after the frontier empties.
# Two requests at a time (a worker takes no more than that from the shared queue) to a site answering in
# 250 ms: one worker alone would need over 13 s for the site's 100 articles and its listings, more than
# the 5 s an idle worker waits between looks at the shared queue, so both workers take part.
JOB_SETTINGS = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=2",
                "CONCURRENT_REQUESTS_PER_DOMAIN=2", "LOG_LEVEL=INFO", "MAX_IDLE_TIME_BEFORE_CLOSE=5")
LATENCY_MS = 250
HANG = 150  # seconds: a guard against hangs, not a timing assertion


def tool(name: str) -> str:
    """A console script of the running interpreter's environment (the venv CI makes), else on PATH."""
    found = shutil.which(name, path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' brings scrapyd and scrapyd-client")
    return found


def call(base: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    """GET (or POST ``data`` to) a Scrapyd JSON endpoint; the answer, which must say ok."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=30) as answer:
        reply = json.loads(answer.read())
    assert reply.get("status") == "ok", f"{endpoint}: {reply}"
    return reply


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Scrapyd:
    """A scrapyd process in ``home`` (its conf, eggs, logs, items, dbs) on ``port``; the jobs it started."""

    def __init__(self, home: Path):
        self.home, self.port = home, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.job_pids: set[int] = set()
        home.mkdir(parents=True)
        (home / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = 127.0.0.1\nhttp_port = {self.port}\n"
            f"eggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
            f"items_dir = {home / 'items'}\ndbs_dir = {home / 'dbs'}\n"
            "max_proc = 2\npoll_interval = 0.5\n", encoding="utf-8")
        # Run where only our scrapyd.conf is found (Scrapyd also reads ./scrapy.cfg's [scrapyd]) and
        # without PYTHONPATH, so the jobs import the project from the deployed egg, not from a checkout.
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        self.log = home / "scrapyd.out"
        with open(self.log, "wb") as out:
            self.proc = subprocess.Popen([tool("scrapyd")], cwd=home, env=self.env, stdout=out, stderr=subprocess.STDOUT)

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"scrapyd exited with {self.proc.returncode}:\n{self.log.read_text()[-3000:]}")
            try:
                call(self.base, "daemonstatus.json")
                return
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"scrapyd did not answer daemonstatus.json:\n{self.log.read_text()[-3000:]}")
                time.sleep(0.2)

    def jobs(self) -> dict:
        jobs = call(self.base, f"listjobs.json?project={PROJECT}")
        self.job_pids |= {job["pid"] for job in jobs["running"] if job.get("pid")}
        return jobs

    def stop(self) -> None:
        """Scrapyd, then any job of its still running (a failed or hung test): no process outlives the test."""
        if self.proc.poll() is None:
            try:
                self.jobs()
            except OSError:
                pass
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for pid in self.job_pids:
            if process_alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.fixture
def scrapyd(tmp_path):
    """A real scrapyd of this test's own on a free loopback port, answering; stopped at teardown."""
    server = Scrapyd(tmp_path / "scrapyd")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


def deploy(scrapyd: Scrapyd, build: Path) -> None:
    """``scrapyd-deploy`` from a copy of the project, to a target of the copy's scrapy.cfg naming our port."""
    build.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, build / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, build / name)
    with open(build / "scrapy.cfg", "a", encoding="utf-8") as cfg:
        cfg.write(f"\n[deploy:pytest]\nurl = {scrapyd.base}/\nproject = {PROJECT}\n")
    proc = subprocess.run([tool("scrapyd-deploy"), "pytest", "--version", VERSION], cwd=build, env=scrapyd.env,
                          capture_output=True, text=True, timeout=HANG)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["status"] == "ok", proc.stdout
    assert not (build / "setup.py").read_text().startswith("# Automatically created"), "the project's own setup.py"


def test_deployed_to_scrapyd_two_jobs_harvest_each_article_once(tmp_path, redis_url, scrapyd):
    deploy(scrapyd, tmp_path / "build")
    with zipfile.ZipFile(scrapyd.home / "eggs" / PROJECT / f"{VERSION}.egg") as egg:
        names = set(egg.namelist())
        entry_points = egg.read("EGG-INFO/entry_points.txt").decode()
    assert {"harvester/settings.py", "spiders/journal.py", "pipelines/jsonlines.py",
            "harvester/schema/article-1.1.schema.json", "harvester/vocabulary/en.toml"} <= names
    assert "[scrapy]\nsettings = harvester.settings" in entry_points, entry_points
    assert not [n for n in names if n.startswith("tests/")]
    # Scrapyd runs the egg (scrapy list) to answer this: the egg loads and its settings name the spider.
    assert call(scrapyd.base, f"listspiders.json?project={PROJECT}")["spiders"] == ["journal"]
    # Where a job's code comes from: Scrapyd's runner, activating the egg as for a job, in the jobs' folder
    # and environment, imports the project from the egg (not from the venv's editable install).
    probe = ("import os\nfrom scrapyd.runner import project_environment\n"
             "with project_environment(os.environ['SCRAPY_PROJECT']):\n"
             "    import harvester.settings, spiders.journal, pipelines.jsonlines\n"
             "    print(os.environ['SCRAPY_SETTINGS_MODULE'])\n"
             "    for module in (harvester.settings, spiders.journal, pipelines.jsonlines): print(module.__file__)\n")
    proc = subprocess.run([sys.executable, "-c", probe], cwd=scrapyd.home, capture_output=True, text=True, timeout=60,
                          env={**scrapyd.env, "SCRAPY_PROJECT": PROJECT, "SCRAPYD_EGG_VERSION": VERSION})
    assert proc.returncode == 0, proc.stderr[-3000:]
    settings_module, *files = proc.stdout.split()
    egg_path = str(scrapyd.home / "eggs" / PROJECT / f"{VERSION}.egg") + os.sep
    assert settings_module == "harvester.settings" and all(f.startswith(egg_path) for f in files), proc.stdout

    out = tmp_path / "data"
    site = OjsSite(journal=generate_journal(5, 20), issues_per_page=2, latency_ms=LATENCY_MS)
    expected = {article.doi for article in site.state.articles}
    assert len(expected) == 100
    settings = [("setting", s) for s in (*JOB_SETTINGS, f"REDIS_URL={redis_url}", f"HARVEST_OUTPUT_DIR={out}")]
    with serve(site) as handle:
        jobs = [call(scrapyd.base, "schedule.json", [("project", PROJECT), ("spider", "journal"),
                                                     ("_version", VERSION), *settings])["jobid"]
                for _ in range(2)]
        logs = [scrapyd.home / "logs" / PROJECT / "journal" / f"{job}.log" for job in jobs]
        deadline = time.monotonic() + HANG
        while not all(log.exists() and "Spider opened" in log.read_text(encoding="utf-8") for log in logs):
            assert time.monotonic() < deadline, f"the workers did not start: {scrapyd.jobs()}"
            time.sleep(0.2)  # both workers up and waiting before the start URL arrives
        redis.Redis.from_url(redis_url).lpush("journal:start_urls", f"{handle.base_url}{HOME_PATH}")
        while {job["id"] for job in scrapyd.jobs()["finished"]} != set(jobs):
            assert time.monotonic() < deadline, f"the jobs did not finish: {scrapyd.jobs()}"
            time.sleep(0.5)

    daemon_log = scrapyd.log.read_text(encoding="utf-8", errors="replace")
    job_logs = {job: log.read_text(encoding="utf-8") for job, log in zip(jobs, logs)}
    for job, log in job_logs.items():
        assert f"Process finished: project='{PROJECT}' spider='journal' job='{job}'" in daemon_log, (
            f"job {job} did not exit 0:\n{daemon_log[-3000:]}\n{log[-3000:]}")
        errors = [line for line in log.splitlines() if "] ERROR:" in line or " CRITICAL:" in line]
        assert not errors, f"job {job} logged errors: {errors[:5]}"
        assert "healthy (exit code 0)" in log, log[-3000:]
    assert "Process died" not in daemon_log, daemon_log[-3000:]

    written = {p: read_jsonl([p]) for p in out.glob("**/*.jsonl") if not p.name.endswith(".rejects.jsonl")}
    assert len(written) == 2 and all(written.values()), {p.name: len(rows) for p, rows in written.items()}
    reports = {path: json.loads(path.read_text(encoding="utf-8")) for path in out.glob("**/*.report.json")}
    assert sorted(reports) == sorted(p.with_suffix(".report.json") for p in written), \
        "each worker's report beside its records"
    assert len({report["worker"] for report in reports.values()}) == 2
    assert len({report["run_id"] for report in reports.values()}) == 1, "the two jobs share one run id"
    for path, report in reports.items():
        assert report["healthy"] and report["exit_code"] == 0, (path, report["problems"])
        stem = path.name.removesuffix(".report.json")
        check_report_accounting(out, stem, read_jsonl(path.parent.glob(f"{stem}.rejects.jsonl")))
    dois = [record["doi"] for rows in written.values() for record in rows]
    assert sorted(dois) == sorted(expected), "every article of the site written exactly once across the workers"
