"""clients/python/tinq_client.py against the real broker and workers.

Producer: pipelined submissions, DUPLICATE and force, REJECTED, a broker that is not there
(NotAnswered within the retry budget), BUSY honoured until the queue drains. Subscriber: every
result once and in order from a seq, a label filter, and catching up after joining late.

Run with tests/python/run.sh (TINQ_BINARY picks the binary). Last line: "N passed, N failed".
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.environ.get("TINQ_REPO_ROOT", os.path.abspath(os.path.join(HERE, "..", "..")))
sys.path.insert(0, os.path.join(REPO, "clients", "python"))
sys.path.insert(0, HERE)

import tinq_client  # noqa: E402
from tinq_client import NotAnswered, Producer, Subscriber  # noqa: E402
from test_protocol import BINARY, Broker, clean_environment, run_module  # noqa: E402

AWARD = (
    "Trao Bằng khen cho {n} tập thể tại {place}\n\n"
    "Sáng 3/4, tại {place}, Ủy ban nhân dân tỉnh tổ chức lễ trao Bằng khen cho {n} tập thể có thành "
    "tích xuất sắc trong phong trào thi đua (mã {key}).\n"
)
PLAIN = "Giá lúa tại {place} tăng nhẹ\n\nGiá lúa tại {place} tuần này tăng nhẹ so với tuần trước (mã {key}).\n"

BROKER = None


def setUpModule():
    global BROKER
    BROKER = Broker()
    deadline = time.monotonic() + 30
    with Producer(BROKER.frontend, timeout_ms=300, max_retries=0) as p:
        while True:
            try:
                p.ping()
                return
            except NotAnswered:
                if time.monotonic() > deadline or BROKER.proc.poll() is not None:
                    BROKER.stop()
                    raise RuntimeError("the broker did not answer PING:\n" + BROKER.log_tail())


def tearDownModule():
    if BROKER is not None:
        BROKER.stop()


def articles(n, award_every=2):
    out = []
    for i in range(n):
        key = uuid.uuid4().hex[:12]
        text = (AWARD if i % award_every == 0 else PLAIN).format(n=i + 3, place="Huế", key=key)
        out.append({"body": text, "id": "py-%s" % key, "url": "https://tin.example.vn/client/%s" % key, "source": "pytest"})
    return out


class Processes:
    """tinq processes of one test, in a private directory, killed and removed at the end."""

    def __init__(self, prefix):
        self.dir = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
        self.runtime = os.path.join(self.dir, "run")
        self.frontend = "ipc://%s/frontend.sock" % self.runtime
        self.log = open(os.path.join(self.dir, "procs.log"), "wb")
        self.procs = []

    def common(self, *settings):
        out = ["--config", os.path.join(REPO, "config", "tinq.yaml"), "--runtime-dir", self.runtime,
               "--data-dir", os.path.join(self.dir, "data")]
        for s in settings:
            out += ["--set", s]
        return out

    def start(self, args):
        self.procs.append(subprocess.Popen([BINARY] + args, cwd=self.dir, env=clean_environment(), stdout=self.log,
                                           stderr=subprocess.STDOUT, start_new_session=True))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def first_seq_after_idle(p):
    """The seq the next result will get, once every job accepted so far is published. Earlier
    tests leave jobs in flight; their results would otherwise land after the seq read here."""
    deadline = time.monotonic() + 60
    while True:
        status = p.status()
        if status["queue"]["held"] == 0 or time.monotonic() > deadline:
            return status["last_seq"] + 1
        time.sleep(0.05)


class ClientTests(unittest.TestCase):
    def test_submit_many_then_subscribe_from_seq(self):
        batch = articles(30)
        with Producer(BROKER.frontend) as p:
            start = first_seq_after_idle(p)
            outcomes = list(p.submit_many(batch, window=8))
        self.assertEqual([o.status for o in outcomes], ["ACCEPTED"] * len(batch))
        jobs = [o.job_id for o in outcomes]
        self.assertEqual(len(set(jobs)), len(jobs))

        # Every result once, in seq order, from `start` on: the replay, then live ones.
        got = []
        with Subscriber(BROKER.results, BROKER.frontend, from_seq=start) as s:
            deadline = time.monotonic() + 60
            while len(got) < len(batch) and time.monotonic() < deadline:
                d = s.next(timeout_ms=500)
                if d is not None:
                    got.append(d)
        self.assertEqual(sorted(d.job_id for d in got), sorted(jobs))
        seqs = [d.seq for d in got]
        self.assertEqual(seqs, sorted(seqs))
        self.assertEqual(len(set(seqs)), len(seqs))
        by_job = {d.job_id: d for d in got}
        for item, outcome in zip(batch, outcomes):
            result = by_job[outcome.job_id].result
            self.assertEqual(result["id"], item["id"])
            self.assertEqual("award" in by_job[outcome.job_id].labels, item["body"].startswith("Trao"))

    def test_label_subscriber_catches_up_after_joining_late(self):
        batch = articles(12, award_every=3)
        with Producer(BROKER.frontend) as p:
            start = first_seq_after_idle(p)
            outcomes = list(p.submit_many(batch))
            # Wait until all are published, so the subscriber below joins late.
            deadline = time.monotonic() + 60
            while p.status()["last_seq"] < start + len(batch) - 1 and time.monotonic() < deadline:
                time.sleep(0.1)
        awards = {o.job_id for item, o in zip(batch, outcomes) if item["body"].startswith("Trao")}
        self.assertEqual(len(awards), 4)
        got = []
        with Subscriber(BROKER.results, BROKER.frontend, labels=["award"], from_seq=start) as s:
            while True:
                d = s.next(timeout_ms=1500)
                if d is None:
                    break
                got.append(d)
        self.assertEqual({d.job_id for d in got}, awards)
        self.assertTrue(all("award" in d.labels for d in got))

    def test_duplicate_force_and_rejected(self):
        item = articles(1)[0]
        with Producer(BROKER.frontend) as p:
            first = p.submit(**item)
            self.assertEqual(first.status, "ACCEPTED")
            again = p.submit(**dict(item, url=item["url"] + "?utm_source=x#top"))
            self.assertEqual((again.status, again.duplicate_of), ("DUPLICATE", first.job_id))
            forced = p.submit(**dict(item, force=True))
            self.assertEqual(forced.status, "ACCEPTED")
            self.assertNotEqual(forced.job_id, first.job_id)
            bad = p.submit(b"\xff\xfe not utf-8")
            self.assertEqual((bad.status, bad.reply["code"]), ("REJECTED", "body_not_utf8"))
            with self.assertRaises(tinq_client.Rejected) as caught:
                p.request(b"DLQ", [b"{\"action\": \"explode\"}"])
            self.assertEqual(caught.exception.code, "bad_arguments")

    def test_no_broker_gives_not_answered_within_the_retry_budget(self):
        directory = tempfile.mkdtemp(prefix="tq-none-", dir="/tmp")
        try:
            started = time.monotonic()
            with Producer("ipc://%s/nobody.sock" % directory, timeout_ms=200, max_retries=2) as p:
                with self.assertRaises(NotAnswered):
                    p.submit("Tiêu đề\n\nNội dung")
            elapsed = time.monotonic() - started
            self.assertGreaterEqual(elapsed, 0.55)
            self.assertLess(elapsed, 5)
        finally:
            shutil.rmtree(directory, ignore_errors=True)

    def test_busy_is_retried_until_the_queue_drains(self):
        # A broker of its own with room for 3 jobs and no worker yet: the rest get BUSY and the
        # producer keeps resending after retry_after_ms until a worker makes room.
        with Processes("tq-busy-") as procs:
            common = procs.common("broker.max_queued_jobs=3")
            procs.start(["broker"] + common)
            with Producer(procs.frontend, timeout_ms=300, max_retries=100) as p:
                deadline = time.monotonic() + 30
                while True:
                    try:
                        p.ping()
                        break
                    except NotAnswered:
                        self.assertLess(time.monotonic(), deadline, "the broker did not start")
                results = []
                gen = p.submit_many(articles(7), window=7)
                results.extend(next(gen) for _ in range(3))   # the first three fit
                self.assertEqual([o.status for o in results], ["ACCEPTED"] * 3)
                procs.start(["worker", "--name", "py-busy"] + common)
                results.extend(gen)
                self.assertEqual([o.status for o in results], ["ACCEPTED"] * 7)
                self.assertGreaterEqual(p.status()["totals"]["busy"], 1, "some submissions were answered BUSY")

    def test_curve_keys(self):
        # A broker of its own with CURVE and one authorized client key (made with tinq keygen):
        # the client with that key is served; one with a fresh key gets no answer.
        with Processes("tq-curve-") as procs:
            keys = {}
            for name in ("broker", "client"):
                path = os.path.join(procs.dir, name + ".key")
                out = subprocess.run([BINARY, "keygen", "--out", path], env=clean_environment(), capture_output=True, check=True)
                keys[name] = (out.stdout.decode().strip(), open(path).read().strip())
            authorized = os.path.join(procs.dir, "authorized_keys")
            with open(authorized, "w") as f:
                f.write(keys["client"][0] + " the scraper\n")
            procs.start(["broker"] + procs.common("broker.curve_secret_key_file=" + os.path.join(procs.dir, "broker.key"),
                                                  "broker.curve_authorized_keys_file=" + authorized))
            good = (keys["broker"][0], keys["client"][0], keys["client"][1])
            with Producer(procs.frontend, timeout_ms=300, max_retries=60, curve=good) as p:
                self.assertEqual(p.ping(), {"pong": True})
            fresh_public, fresh_secret = tinq_client.zmq.curve_keypair()
            with Producer(procs.frontend, timeout_ms=300, max_retries=1, curve=(keys["broker"][0], fresh_public, fresh_secret)) as p:
                with self.assertRaises(NotAnswered):
                    p.ping()


if __name__ == "__main__":
    sys.exit(run_module(sys.modules[__name__], lambda: BROKER))
