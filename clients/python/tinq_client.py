"""tinq_client: a Python client for the tinq news-ingest queue (wire protocol tinq/1).

One file, standard library + pyzmq (Debian: python3-zmq; PyPI: pyzmq). Copy it next to your
scraper. Written from PROTOCOL.md, which remains the contract.

Producer: submits articles and waits for the broker's answer, the way PROTOCOL.md asks a good
producer to behave: pipelined on one DEALER socket, the same request id on every resend, a
resend after a timeout (safe: dedupe answers DUPLICATE if the first copy was stored), BUSY
honoured with its retry_after_ms plus jitter, ERROR retried later, REJECTED never retried.

    from tinq_client import Producer
    with Producer("ipc:///run/tinq/frontend.sock") as p:
        outcome = p.submit(html_bytes, url="https://example.vn/a1", content_type="text/html")
        print(outcome.status, outcome.job_id)          # ACCEPTED 17  (or DUPLICATE 9 ...)
        for outcome in p.submit_many(articles):        # dicts: body, url, id, source, ...
            ...

Subscriber: every result once, in seq order, with no gap: subscribes, replays what it missed
from a seq on, then follows live results, replaying again when the previous-seq frame shows a
gap or when the stream goes quiet (PROTOCOL.md section 5).

    from tinq_client import Subscriber
    with Subscriber("ipc:///run/tinq/results.sock", "ipc:///run/tinq/frontend.sock",
                    labels=["dan_van"], from_seq=last_seen + 1) as s:
        for d in s:                                    # Delivery(seq, job_id, labels, result)
            store(d.result); last_seen = d.seq

CURVE (PROTOCOL.md section 9): pass curve=(server_public_key, client_public_key,
client_secret_key), each the 40-character Z85 text (str or bytes).
"""

import json
import random
import time
import uuid
from collections import namedtuple

import zmq

PROTOCOL = b"tinq/1"

__all__ = ["Producer", "Subscriber", "Outcome", "Delivery", "TinqError", "Rejected", "NotAnswered"]

Outcome = namedtuple("Outcome", "status job_id duplicate_of reply")
Outcome.__doc__ = """The broker's final answer to one submission.

status: "ACCEPTED", "DUPLICATE" or "REJECTED"; job_id: the job (for DUPLICATE, the earlier
job); duplicate_of: the earlier job for DUPLICATE, else None; reply: the reply's JSON object
(for REJECTED: {"code", "message"})."""

Delivery = namedtuple("Delivery", "seq job_id labels result")
Delivery.__doc__ = """One result: seq (int), job_id (str), labels (list of str), result (dict,
PROTOCOL.md section 6)."""


class TinqError(Exception):
    """The broker could not be reached or answered unusably."""


class Rejected(TinqError):
    """The broker rejected a request; resending it unchanged would be rejected again."""

    def __init__(self, code, message):
        super().__init__("%s: %s" % (code, message))
        self.code = code
        self.message = message


class NotAnswered(TinqError):
    """No final answer after every resend (broker down, or busy for too long)."""


def _apply_curve(socket, curve):
    if curve is None:
        return
    server, public, secret = (k.encode() if isinstance(k, str) else k for k in curve)
    socket.curve_serverkey = server
    socket.curve_publickey = public
    socket.curve_secretkey = secret


def _metadata(item):
    meta = {k: item[k] for k in ("id", "url", "source", "fetched_at", "content_type", "force") if item.get(k) is not None}
    return json.dumps(meta, ensure_ascii=False).encode("utf-8")


class _Closing:
    """`with` support: close() at the end of the block."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class Producer(_Closing):
    """Submits articles to the broker's frontend (DEALER socket, many requests in flight).

    timeout_ms: how long to wait for an answer before resending; max_retries: resends (after a
    timeout, BUSY or ERROR) before an article is given up (NotAnswered). Not thread-safe: use
    one Producer per thread.
    """

    def __init__(self, endpoint, timeout_ms=5000, max_retries=50, curve=None, context=None):
        self._own_context = context is None
        self._ctx = context or zmq.Context()
        self._sock = self._ctx.socket(zmq.DEALER)
        self._sock.setsockopt(zmq.LINGER, 0)
        _apply_curve(self._sock, curve)
        self._sock.connect(endpoint)
        self.timeout_ms = timeout_ms
        self.max_retries = max_retries

    def close(self):
        self._sock.close(0)
        if self._own_context:
            self._ctx.term()

    def _send(self, frames):
        # Never block: with no connected broker (down, or a CURVE handshake refused) a DEALER
        # would wait forever. An unsent request is simply resent when its timeout passes.
        try:
            self._sock.send_multipart(frames, zmq.NOBLOCK)
        except zmq.Again:
            pass

    # -- one request ---------------------------------------------------------------------------

    def request(self, command, args=(), timeout_ms=None):
        """Sends one command (b"PING", b"STATUS", b"REPLAY", b"DLQ", b"METRICS") and returns
        (status, json, extra_frames); resends on timeout up to max_retries times."""
        rid = uuid.uuid4().hex.encode()
        frames = [b"", PROTOCOL, command, rid] + list(args)
        for _ in range(self.max_retries + 1):
            self._send(frames)
            deadline = time.monotonic() + (timeout_ms or self.timeout_ms) / 1000
            while True:
                left = int((deadline - time.monotonic()) * 1000)
                if left <= 0 or not self._sock.poll(left):
                    break
                reply = self._sock.recv_multipart()
                if len(reply) < 5 or reply[3] != rid:
                    continue  # an answer to an earlier request we stopped waiting for
                status, body = reply[2].decode(), json.loads(reply[4] or b"{}")
                if status == "REJECTED":
                    raise Rejected(body.get("code"), body.get("message"))
                return status, body, reply[5:]
        raise NotAnswered("%s: no answer after %d tries" % (command.decode(), self.max_retries + 1))

    def ping(self):
        return self.request(b"PING")[1]

    def status(self):
        return self.request(b"STATUS")[1]

    # -- submissions ---------------------------------------------------------------------------

    def submit(self, body, **metadata):
        """Submits one article and returns its Outcome (ACCEPTED, DUPLICATE or REJECTED).

        body: bytes (UTF-8) or str; metadata: id, url, source, fetched_at, content_type
        ("text/plain" or "text/html"), force. Raises NotAnswered when every resend went
        unanswered."""
        item = dict(metadata, body=body)
        outcome = next(iter(self.submit_many([item], window=1)))
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def submit_many(self, items, window=256):
        """Submits every item (a dict with "body" and optional metadata keys) with up to
        `window` unanswered at once, and yields, for each item in input order, its Outcome or
        the NotAnswered exception that ended its retries (yielded, not raised, so one lost
        article does not hide the others' outcomes)."""
        items = iter(items)
        pending = {}          # rid -> [index, frames, sent_at, tries, resend_at or None]
        done = {}             # index -> outcome
        next_index = 0
        next_yield = 0
        exhausted = False
        poller = zmq.Poller()
        poller.register(self._sock, zmq.POLLIN)
        while True:
            while not exhausted and len(pending) < window:
                try:
                    item = next(items)
                except StopIteration:
                    exhausted = True
                    break
                body = item["body"].encode("utf-8") if isinstance(item["body"], str) else item["body"]
                rid = uuid.uuid4().hex.encode()
                frames = [b"", PROTOCOL, b"SUBMIT", rid, _metadata(item), body]
                self._send(frames)
                pending[rid] = [next_index, frames, time.monotonic(), 0, None]
                next_index += 1
            while next_yield in done:
                yield done.pop(next_yield)
                next_yield += 1
            if exhausted and not pending:
                return
            now = time.monotonic()
            # Resend what timed out, and BUSY/ERROR answers whose wait is over.
            wake = now + 0.05
            for rid, entry in list(pending.items()):
                index, frames, sent_at, tries, resend_at = entry
                due = resend_at if resend_at is not None else sent_at + self.timeout_ms / 1000
                if due > now:
                    wake = min(wake, due)
                    continue
                if tries >= self.max_retries:
                    del pending[rid]
                    done[index] = NotAnswered("no final answer after %d tries" % (tries + 1))
                    continue
                self._send(frames)  # same request id: a late first answer still counts
                entry[2], entry[3], entry[4] = now, tries + 1, None
            if dict(poller.poll(max(0, int((wake - time.monotonic()) * 1000)))).get(self._sock):
                while True:
                    try:
                        reply = self._sock.recv_multipart(zmq.NOBLOCK)
                    except zmq.Again:
                        break
                    if len(reply) < 5 or reply[3] not in pending:
                        continue
                    entry = pending[reply[3]]
                    status = reply[2].decode()
                    body = json.loads(reply[4] or b"{}")
                    if status in ("ACCEPTED", "DUPLICATE", "REJECTED"):
                        del pending[reply[3]]
                        done[entry[0]] = Outcome(status, body.get("job_id"), body.get("duplicate_of"), body)
                    elif status == "BUSY":
                        wait = body.get("retry_after_ms", 200) / 1000
                        entry[4] = time.monotonic() + wait * random.uniform(1.0, 1.5)
                    else:  # ERROR: the broker failed on a valid request (storage); later
                        entry[4] = time.monotonic() + min(5.0, 0.2 * 2 ** entry[3]) * random.uniform(1.0, 1.5)


class Subscriber(_Closing):
    """Every result once, in seq order, with no gap (PROTOCOL.md section 5).

    labels: follow one or several labels (empty: every result); from_seq: replay stored
    results from this seq first (None: start with the next live result). Iterate to get
    Delivery values; next(timeout_ms=...) returns None when nothing came in time.
    """

    def __init__(self, results_endpoint, frontend_endpoint, labels=(), from_seq=None,
                 curve=None, idle_replay_ms=1000, context=None):
        self._own_context = context is None
        self._ctx = context or zmq.Context()
        self.labels = list(labels)
        self._sub = self._ctx.socket(zmq.SUB)
        self._sub.setsockopt(zmq.LINGER, 0)
        self._sub.setsockopt(zmq.RCVHWM, 0)
        _apply_curve(self._sub, curve)
        topic = ("label.%s." % self.labels[0]) if len(self.labels) == 1 else "all"
        self._topic = topic.encode()
        self._sub.setsockopt(zmq.SUBSCRIBE, self._topic)
        self._sub.connect(results_endpoint)
        self._admin = Producer(frontend_endpoint, curve=curve, context=self._ctx)
        self._idle = idle_replay_ms / 1000
        self._ready = []          # replayed deliveries not handed out yet
        self._last = None         # last seq delivered
        self._last_on_topic = None
        self._quiet_since = time.monotonic()
        self._idle_replayed = False
        if from_seq is not None:
            time.sleep(0.1)       # let the subscription reach the broker before the replay
            self._replay(from_seq)

    def close(self):
        self._sub.close(0)
        self._admin.close()
        if self._own_context:
            self._ctx.term()

    def __iter__(self):
        while True:
            d = self.next(timeout_ms=1000)
            if d is not None:
                yield d

    def _wanted(self, labels):
        return not self.labels or any(l in self.labels for l in labels)

    def _replay(self, from_seq):
        args = {"from_seq": from_seq, "limit": 1000}
        if self.labels:
            args["labels"] = self.labels
        while True:
            _, head, records = self._admin.request(b"REPLAY", [json.dumps(args).encode()])
            for i in range(0, len(records) - 3, 4):
                seq = int(records[i])
                labels = [l for l in records[i + 2].decode().split(",") if l]
                if (self._last is None or seq > self._last) and self._wanted(labels):
                    self._ready.append(Delivery(seq, records[i + 1].decode(), labels, json.loads(records[i + 3])))
                    self._last = seq
            if self._last is None:
                self._last = max(0, from_seq - 1)
            if not head.get("more"):
                return
            args["from_seq"] = head["next_seq"]

    def next(self, timeout_ms=None):
        """The next result, or None when none came within timeout_ms (None: wait forever)."""
        deadline = None if timeout_ms is None else time.monotonic() + timeout_ms / 1000
        while True:
            if self._ready:
                return self._ready.pop(0)
            step = self._idle if deadline is None else max(0.0, min(self._idle, deadline - time.monotonic()))
            if self._sub.poll(int(step * 1000)):
                topic, _, seq, prev, job, labels, result = self._sub.recv_multipart()
                seq, prev = int(seq), int(prev)
                self._quiet_since = time.monotonic()
                self._idle_replayed = False
                gap = self._last_on_topic is not None and prev != self._last_on_topic
                self._last_on_topic = seq
                if self._last is not None and (gap or prev > self._last):
                    self._replay(self._last + 1)   # missed something: fetch it in order
                labels = [l for l in labels.decode().split(",") if l]
                if (self._last is None or seq > self._last) and self._wanted(labels):
                    if self._ready:
                        continue                   # the replay already holds it, in order
                    self._last = seq
                    return Delivery(seq, job.decode(), labels, json.loads(result))
                continue
            if self._last is not None and not self._idle_replayed and time.monotonic() - self._quiet_since >= self._idle:
                # Quiet: results dropped at the end of a burst have no later message to show
                # them; one replay per quiet spell finds them.
                self._idle_replayed = True
                self._replay(self._last + 1)
                continue
            if deadline is not None and time.monotonic() >= deadline:
                return None
