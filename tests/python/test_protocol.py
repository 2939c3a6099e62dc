"""A tinq client in Python, written from PROTOCOL.md alone, tested against the real broker.

Starts `tinq serve --workers 1` in a private temp dir (ipc:// sockets), then speaks wire
protocol v1 with pyzmq: a producer on DEALER and on REQ, subscribers on SUB (topic `all` and a
label topic), REPLAY, STATUS, PING, DUPLICATE and REJECTED replies. Standard library + zmq only.

Run with tests/python/run.sh (TINQ_BINARY picks the binary). Last line: "N passed, N failed".
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import uuid

import zmq

PROTO = b"tinq/1"
LABELS = ("dan_van", "conference", "award")
TIMEOUT_MS = 20000

BINARY = os.environ.get("TINQ_BINARY", ".build/debug/tinq")
REPO = os.environ.get("TINQ_REPO_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))

ARTICLE = (
    "Hội nghị tổng kết công tác dân vận năm {year} tại {place}\n\n"
    "Ngày 12/5/{year}, Ban Dân vận Tỉnh ủy {place} tổ chức hội nghị tổng kết phong trào thi đua "
    "\"Dân vận khéo\". Tại hội nghị, đồng chí Trưởng ban đã trao bằng khen cho 25 tập thể và "
    "40 cá nhân có thành tích xuất sắc.\n\n"
    "Các mô hình dân vận khéo góp phần phát triển kinh tế, chăm lo đời sống nhân dân (mã {key}).\n"
)


class Broker:
    """`tinq serve --workers 1` in a temp dir under /tmp (ipc paths must stay short)."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="tq-py-", dir="/tmp")
        self.runtime = os.path.join(self.dir, "run")
        self.frontend = "ipc://" + os.path.join(self.runtime, "frontend.sock")
        self.results = "ipc://" + os.path.join(self.runtime, "results.sock")
        env = clean_environment()
        self.log = open(os.path.join(self.dir, "serve.log"), "wb")
        self.proc = subprocess.Popen(
            [BINARY, "serve", "--workers", "1", "--config", os.path.join(REPO, "config", "tinq.yaml"),
             "--runtime-dir", self.runtime, "--data-dir", os.path.join(self.dir, "data")],
            cwd=self.dir, env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)

    def stop(self):
        if self.log.closed:
            return
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=5)
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)  # any worker left behind
        except ProcessLookupError:
            pass
        self.log.close()
        self.final_log = self.log_tail()
        if not os.environ.get("TINQ_KEEP_TEST_DIRS"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def log_tail(self, n=30):
        if getattr(self, "final_log", None) is not None:
            return self.final_log
        with open(os.path.join(self.dir, "serve.log"), "rb") as f:
            return b"\n".join(f.read().splitlines()[-n:]).decode("utf-8", "replace")


BROKER = None
CTX = None


def setUpModule():
    global BROKER, CTX
    CTX = zmq.Context()
    BROKER = Broker()
    try:
        wait_for_broker()
    except BaseException:
        BROKER.stop()  # unittest skips tearDownModule when setUpModule fails
        raise


def wait_for_broker():
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if BROKER.proc.poll() is not None:
            raise RuntimeError("tinq serve exited with %s:\n%s" % (BROKER.proc.returncode, BROKER.log_tail()))
        with Dealer() as d:
            reply = d.request(b"PING", [], timeout_ms=500)
            if reply is not None:
                return
    raise RuntimeError("the broker did not answer PING within 30 s:\n" + BROKER.log_tail())


def tearDownModule():
    if BROKER is not None:
        BROKER.stop()
    if CTX is not None:
        CTX.term()


def new_id(prefix):
    return "%s-%s" % (prefix, uuid.uuid4().hex[:12])


def article(key):
    return ARTICLE.format(year=2023, place="Nghệ An", key=key).encode("utf-8")


class Dealer:
    """A producer on a DEALER socket: frames "", tinq/1, COMMAND, request id, args (§3.1)."""

    def __init__(self):
        self.sock = CTX.socket(zmq.DEALER)
        self.sock.setsockopt(zmq.LINGER, 0)
        self.sock.connect(BROKER.frontend)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.sock.close()

    def request(self, command, args, request_id=None, timeout_ms=TIMEOUT_MS, version=PROTO):
        rid = (request_id or new_id("py")).encode()
        self.sock.send_multipart([b"", version, command, rid] + list(args))
        deadline = time.monotonic() + timeout_ms / 1000
        while True:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0 or not self.sock.poll(left):
                return None
            frames = self.sock.recv_multipart()
            # §3.2: "", tinq/1, status, request id, JSON, (REPLAY records...)
            if len(frames) >= 5 and frames[3] == rid:
                return frames

    def submit(self, meta, body, **kw):
        return self.request(b"SUBMIT", [json.dumps(meta).encode(), body], **kw)


def subscriber(*topics):
    sub = CTX.socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    for t in topics:
        sub.setsockopt(zmq.SUBSCRIBE, t)
    sub.connect(BROKER.results)
    time.sleep(0.3)  # let the subscription reach the publisher (PUB/SUB slow joiner)
    return sub


def wait_for_job(sub, job_id, timeout_ms=TIMEOUT_MS):
    """The published message of `job_id` (§5: 7 frames), skipping others."""
    deadline = time.monotonic() + timeout_ms / 1000
    while True:
        left = int((deadline - time.monotonic()) * 1000)
        if left <= 0 or not sub.poll(left):
            return None
        frames = sub.recv_multipart()
        if len(frames) == 7 and frames[4] == job_id.encode():
            return frames


class ProtocolTests(unittest.TestCase):

    def assertReply(self, frames, status):
        self.assertIsNotNone(frames, "no reply within %d ms" % TIMEOUT_MS)
        self.assertEqual(frames[0], b"", "frame 0 is the empty delimiter")
        self.assertEqual(frames[1], PROTO)
        self.assertEqual(frames[2], status, "reply: %r" % frames[2:5])
        return json.loads(frames[4])

    def test_ping_on_dealer(self):
        with Dealer() as d:
            body = self.assertReply(d.request(b"PING", []), b"OK")
        self.assertEqual(body, {"pong": True})

    def test_status(self):
        with Dealer() as d:
            body = self.assertReply(d.request(b"STATUS", []), b"OK")
        self.assertEqual(body["protocol"], "tinq/1")
        for key in ("queued", "in_flight", "max"):
            self.assertIsInstance(body["queue"][key], int)
        self.assertIsInstance(body["workers"], list)
        self.assertIn("accepted", body["totals"])

    def test_submit_on_dealer_and_receive_result_on_sub(self):
        everything = subscriber(b"all")
        dan_van = subscriber(b"label.dan_van.")
        key = new_id("sub")
        meta = {"id": key, "url": "https://tin.example.vn/py/%s" % key, "source": "pytest",
                "fetched_at": "2024-05-12T08:00:00Z", "content_type": "text/plain"}
        try:
            with Dealer() as d:
                reply = self.assertReply(d.submit(meta, article(key)), b"ACCEPTED")
            job_id = reply["job_id"]
            self.assertTrue(job_id.isdigit(), "job id is decimal: %r" % job_id)

            frames = wait_for_job(everything, job_id)
            self.assertIsNotNone(frames, "no result on topic all for job %s" % job_id)
            topic, proto, seq, prev, job, labels, result = frames
            self.assertEqual(topic, b"all")
            self.assertEqual(proto, PROTO)
            self.assertTrue(seq.isdigit() and prev.isdigit())
            self.assertLess(int(prev), int(seq))
            self.assertEqual(job.decode(), job_id)
            obj = json.loads(result.decode("utf-8"))
            self.assertEqual(obj["id"], key)
            self.assertEqual(obj["url"], meta["url"])
            self.assertEqual(obj["source"], "pytest")
            self.assertIsInstance(obj["title"], str)
            self.assertIn("công tác dân vận", obj["title"])
            self.assertIsInstance(obj["topics"], list)
            got = [t["label"] for t in obj["topics"]]
            self.assertEqual(sorted(got), sorted(l for l in labels.decode().split(",") if l))
            for t in obj["topics"]:
                self.assertTrue(0.5 <= t["score"] <= 1.0, t)
                self.assertIsInstance(t["evidence"], list)
            self.assertEqual(set(LABELS), set(obj["scores"]))
            self.assertIn("dan_van", got)
            self.assertTrue(0 < obj["body"]["chars"] <= len(article(key).decode("utf-8")), obj["body"])

            labelled = wait_for_job(dan_van, job_id)
            self.assertIsNotNone(labelled, "no result on topic label.dan_van.")
            self.assertEqual(labelled[0], b"label.dan_van.")
            self.assertEqual(labelled[2], seq, "the same seq on every topic")
        finally:
            everything.close()
            dan_van.close()

    def test_req_socket_client(self):
        req = CTX.socket(zmq.REQ)
        req.setsockopt(zmq.LINGER, 0)
        req.connect(BROKER.frontend)
        try:
            # A REQ socket adds the empty delimiter itself and strips it from the reply.
            key = new_id("req")
            req.send_multipart([PROTO, b"SUBMIT", b"req-1", json.dumps({"id": key}).encode(), article(key)])
            self.assertTrue(req.poll(TIMEOUT_MS), "no reply on REQ")
            proto, status, rid, body = req.recv_multipart()[:4]
            self.assertEqual((proto, status, rid), (PROTO, b"ACCEPTED", b"req-1"))
            self.assertTrue(json.loads(body)["job_id"].isdigit())
            req.send_multipart([PROTO, b"PING", b"req-2"])
            self.assertTrue(req.poll(TIMEOUT_MS))
            self.assertEqual(req.recv_multipart()[:3], [PROTO, b"OK", b"req-2"])
        finally:
            req.close()

    def test_replay_from_seq_1_returns_the_result(self):
        sub = subscriber(b"all")
        key = new_id("replay")
        try:
            with Dealer() as d:
                job_id = self.assertReply(d.submit({"id": key}, article(key)), b"ACCEPTED")["job_id"]
                live = wait_for_job(sub, job_id)
                self.assertIsNotNone(live, "no live result for job %s" % job_id)
                records, pages, seq = {}, 0, 1
                while True:
                    frames = d.request(b"REPLAY", [json.dumps({"from_seq": seq, "limit": 50}).encode()])
                    head = self.assertReply(frames, b"OK")
                    pages += 1
                    rest = frames[5:]
                    self.assertEqual(len(rest), 4 * head["count"], "4 frames per record")
                    for i in range(0, len(rest), 4):
                        rseq, rjob, rlabels, rjson = rest[i:i + 4]
                        self.assertNotIn(int(rseq), records, "a seq twice in a replay")
                        records[int(rseq)] = (rjob.decode(), rlabels, json.loads(rjson))
                    if not head["more"]:
                        break
                    self.assertGreater(head["next_seq"], seq)
                    seq = head["next_seq"]
                    self.assertLess(pages, 100)
            mine = [r for s, r in records.items() if r[0] == job_id]
            self.assertEqual(len(mine), 1, "job %s once in the replay" % job_id)
            self.assertEqual(mine[0][2]["id"], key)
            self.assertEqual(mine[0][2], json.loads(live[6]), "replayed result = published result")
            self.assertIn(int(live[2]), records)
            # Filter by label: only results carrying it.
            with Dealer() as d:
                frames = d.request(b"REPLAY", [json.dumps({"from_seq": 1, "labels": ["award"]}).encode()])
                head = self.assertReply(frames, b"OK")
            for i in range(5, len(frames), 4):
                self.assertIn("award", frames[i + 2].decode().split(","))
        finally:
            sub.close()

    def test_resubmission_is_a_duplicate(self):
        key = new_id("dup")
        meta = {"id": key, "url": "https://tin.example.vn/py/%s" % key}
        with Dealer() as d:
            first = self.assertReply(d.submit(meta, article(key)), b"ACCEPTED")["job_id"]
            # Same canonical URL: fragment and utm_* are dropped, host case folded.
            again = dict(meta, url="https://TIN.example.vn/py/%s?utm_source=x#top" % key)
            dup = self.assertReply(d.submit(again, article(key)), b"DUPLICATE")
            self.assertEqual(dup["duplicate_of"], first)
            forced = self.assertReply(d.submit(dict(meta, force=True), article(key)), b"ACCEPTED")
            self.assertNotEqual(forced["job_id"], first)

    def test_rejections(self):
        with Dealer() as d:
            bad = self.assertReply(d.submit({}, article("v"), version=b"tinq/9"), b"REJECTED")
            self.assertEqual(bad["code"], "bad_version")
            self.assertIn("message", bad)
            bad = self.assertReply(d.submit({}, b"\xff\xfe not utf-8"), b"REJECTED")
            self.assertEqual(bad["code"], "body_not_utf8")
            bad = self.assertReply(d.submit({}, b""), b"REJECTED")
            self.assertEqual(bad["code"], "body_empty")
            bad = self.assertReply(d.request(b"NOPE", []), b"REJECTED")
            self.assertEqual(bad["code"], "unknown_command")
            self.assertReply(d.request(b"PING", []), b"OK")


def clean_environment():
    """This process's environment less what would change tinq's behaviour."""
    return {k: v for k, v in os.environ.items()
            if not k.startswith("TINQ_") and k not in ("NOTIFY_SOCKET", "RUNTIME_DIRECTORY", "STATE_DIRECTORY")}


def run_module(module, broker):
    """Runs a test module; `broker()` gives its Broker (stopped at the end, its log shown on
    failure). Prints "N passed, N failed" last and returns the exit status."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    try:
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    finally:
        if broker() is not None:
            broker().stop()
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    passed = max(0, result.testsRun - failed - len(result.skipped))
    if broker() is not None and failed:
        print("--- broker log tail:\n" + broker().log_tail())
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(run_module(sys.modules[__name__], lambda: BROKER))
