"""POST /api/datasets for big uploads: a job, 202 at once, the answer at the job's address."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app import create_app
from serving.rebuild import forget_datasets
from settings import Settings

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


@pytest.fixture
def client(tmp_path):
    forget_datasets()
    # 1 KB: the minimal package (~3 KB) is "big" here, so it runs as a job
    app = create_app(Settings.from_env({"REDES_STORE_DIR": str(tmp_path),
                                        "REDES_API_SYNC_MB": "0.001", "REDES_RATE_API": ""}))
    yield app.server.test_client()
    forget_datasets()


def _post(client, lang="en"):
    files = [(open(p, "rb"), p.name) for p in sorted(MINIMAL.glob("*.csv"))]
    return client.post(f"/api/datasets?lang={lang}", data={"file": files},
                       content_type="multipart/form-data")


def _until_done(client, address: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while True:
        answer = client.get(address)
        if answer.status_code != 202 or time.monotonic() > deadline:
            return answer
        assert answer.headers["Retry-After"] == "1"
        time.sleep(0.2)


def test_a_big_upload_is_a_job_with_an_address_to_ask(client):
    started = _post(client)
    assert started.status_code == 202
    address = started.headers["Location"]
    assert address == started.get_json()["poll"] and address.startswith("/api/datasets/jobs/")
    done = _until_done(client, address)
    assert done.status_code == 201
    body = done.get_json()
    assert body["valid"] is True and len(body["key"]) == 64 and body["errors"] == 0
    assert client.get(address).status_code == 201  # asked again: the same answer


def test_a_job_for_invalid_files_answers_422_with_the_problems(client):
    import io

    broken = b"id,name\n" + b"a,b\n" * 1000  # 4 KB: over the 1 KB, so a job
    started = client.post("/api/datasets", data={"file": [(io.BytesIO(broken), "actors.csv")]},
                          content_type="multipart/form-data")
    assert started.status_code == 202
    answer = _until_done(client, started.headers["Location"])
    assert answer.status_code == 422 and answer.get_json()["errors"] >= 1


@pytest.mark.parametrize("job", ["no-such-job-here", "../../etc", "x"])
def test_an_unknown_job_is_404(client, job):
    answer = client.get(f"/api/datasets/jobs/{job}")
    assert answer.status_code == 404 and "error" in answer.get_json()


def test_a_job_runs_below_the_web_workers():
    # in a process of its own (a job's), never in this one: niceness cannot be taken back
    import subprocess
    import sys

    code = ("import os; from serving.jobs import lower_priority, NICENESS; lower_priority(); "
            "lower_priority(); print(os.getpriority(os.PRIO_PROCESS, 0) - NICENESS)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parents[2], check=True).stdout.strip()
    assert int(out) == 0  # lowered by NICENESS from 0, and once only (not twice)
