"""The web container's health check: GET /healthz from the local gunicorn, exit 0 on a 200.

docker-compose runs `python scripts/healthcheck.py` in the web container: the image is slim
(no curl), and the request must carry a Host that ALLOWED_HOSTS accepts, or Django answers
400 and the container would look unhealthy while it serves users well. It imports nothing
from the project, so each probe costs a few milliseconds.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header(allowed_hosts: str) -> str:
    """The first host name in ALLOWED_HOSTS (".example.be" allows "example.be")."""
    for host in allowed_hosts.split(","):
        host = host.strip().lstrip(".")
        if host and host != "*":
            return host
    return "localhost"


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/healthz")
    host = host_header(os.environ.get("ALLOWED_HOSTS", ""))
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            status = response.status
    except urllib.error.HTTPError as exc:  # 503: a part is down; 400: Host refused
        status = exc.code
    except OSError as exc:  # nothing listens, or too slow
        print(f"unhealthy: {exc}", file=sys.stderr)
        return 1
    if status != 200:
        print(f"unhealthy: /healthz answered {status}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
