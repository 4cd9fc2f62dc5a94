"""moto's routing of a request to its service, once per host name instead of once per request.

moto's dispatcher found a request's service by listing its own package directory (a
directory read and ~180 stat calls) and then matching the host against every service's URL
patterns — twice per request, under one lock every request takes. On this host that was about
a third of a cheap call such as SendMessage (issue 14, scripts/bench/sqs_ceiling.py). Hosts
are few (service × region) and the answer depends on the host alone, so it is remembered.
"""

from __future__ import annotations

from moto.moto_server.werkzeug_app import DomainDispatcherApplication

#: Far more than service × region; a bound only against a client inventing host names.
MAXIMUM_HOSTS = 4096


def install() -> None:
    if getattr(DomainDispatcherApplication.get_backend_for_host, "_tps_remembered", False):
        return
    moto_lookup = DomainDispatcherApplication.get_backend_for_host

    def get_backend_for_host(self, host):
        known = self.__dict__.setdefault("_tps_backends", {})
        if host in known:
            return known[host]
        backend = moto_lookup(self, host)
        if len(known) < MAXIMUM_HOSTS:
            known[host] = backend
        return backend

    get_backend_for_host._tps_remembered = True  # type: ignore[attr-defined]
    DomainDispatcherApplication.get_backend_for_host = get_backend_for_host  # type: ignore[assignment]
