"""Runs the local AWS: python3 -m tpslocalaws --host 127.0.0.1 --port 4566."""

from __future__ import annotations

import argparse
import os
import signal


def main() -> None:
    parser = argparse.ArgumentParser(prog="tpslocalaws", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="bind address (loopback by default)")
    parser.add_argument("--port", type=int, default=4566)
    args = parser.parse_args()

    # Settings moto reads from the environment; they must be in place before it is imported.
    os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"
    os.environ.setdefault("MOTO_PORT", str(args.port))

    from werkzeug.serving import WSGIRequestHandler, run_simple

    from .server import build_app

    class QuietHandler(WSGIRequestHandler):
        def log_request(self, code="-", size="-"):  # the request log is at GET /_tps/requests
            pass

        def connection_dropped(self, error, environ=None):
            # Also after an injected reset: the socket is gone, read no further request from it.
            self.close_connection = True

    # The emulator keeps no durable state: exit at once rather than tearing down moto's models.
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    run_simple(args.host, args.port, build_app(), threaded=True, request_handler=QuietHandler)


if __name__ == "__main__":
    main()
