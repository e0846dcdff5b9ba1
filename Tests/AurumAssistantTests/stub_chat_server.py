#!/usr/bin/env python3
"""A scripted OpenAI-compatible chat-completions server for the assistant's tests (127.0.0.1 only).

    stub_chat_server.py --script SCRIPT.json --record REQUESTS.jsonl

SCRIPT is a JSON array of replies, used one per request in order (the last one repeats once the script runs
out). Each reply is an object:
    {"content": "..."}                      200 with a chat completion whose message content is this text
    {"status": 429, "body": "...", "headers": {"Retry-After": "0"}}   any status, raw body, extra headers
    {"delay": 3.0, ...}                     wait this many seconds before answering (timeouts)
Every request is appended to REQUESTS as one JSON line {"method", "path", "headers", "body"} (body parsed as
JSON when it is JSON) before the reply is sent. The server binds port 0 and prints "PORT <n>" on its first line
of standard output; it runs until it is terminated or its standard input closes (so that it never outlives a
test process that crashed).
"""

import argparse
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--script", required=True)
    parser.add_argument("--record", required=True)
    args = parser.parse_args()
    with open(args.script, encoding="utf-8") as file:
        script = json.load(file)
    state = {"next": 0}
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Without this, Nagle's algorithm and delayed ACKs add ~40 ms to every request.
        disable_nagle_algorithm = True

        def log_message(self, format, *arguments):
            pass

        def do_GET(self):
            self.answer()

        def do_POST(self):
            self.answer()

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw.decode("utf-8")) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            with lock:
                index = min(state["next"], len(script) - 1)
                state["next"] += 1
                with open(args.record, "a", encoding="utf-8") as record:
                    record.write(json.dumps({
                        "method": self.command, "path": self.path,
                        "headers": {key.lower(): value for key, value in self.headers.items()}, "body": body,
                    }) + "\n")
            step = script[index] if script else {"status": 500, "body": "empty script"}
            if step.get("delay"):
                time.sleep(float(step["delay"]))
            status = int(step.get("status", 200))
            if "content" in step:
                payload = json.dumps({
                    "id": "stub-%d" % index, "object": "chat.completion", "created": 0,
                    "model": (body or {}).get("model", "") if isinstance(body, dict) else "",
                    "choices": [{"index": 0, "finish_reason": "stop",
                                 "message": {"role": "assistant", "content": step["content"]}}],
                }).encode("utf-8")
            else:
                payload = step.get("body", "").encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for key, value in step.get("headers", {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test)

    # A parent may start us with SIGTERM blocked (the mask is inherited): unblock it and exit on it.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    def exit_when_parent_goes():
        sys.stdin.buffer.read()
        os._exit(0)

    threading.Thread(target=exit_when_parent_goes, daemon=True).start()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print("PORT %d" % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
