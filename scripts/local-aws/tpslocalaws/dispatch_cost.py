"""moto's routing of a request to its service and action, once per host name and per class
instead of once per request.

moto's dispatcher found a request's service by listing its own package directory (a
directory read and ~180 stat calls) and then matching the host against every service's URL
patterns — twice per request, under one lock every request takes. On this host that was about
a third of a cheap call such as SendMessage (issue 14, scripts/bench/sqs_ceiling.py). Hosts
are few (service × region) and the answer depends on the host alone, so it is remembered.
Then each call listed its response class's methods (inspect.getmembers, ~10 % of a DeleteItem)
to see whether the action is one of them: the classes do not change once the emulator runs
(every patch is installed before it serves), so each class's list is kept.
"""

from __future__ import annotations

import moto.core.responses
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

    moto_methods = moto.core.responses.method_names_from_class
    methods: dict[type, frozenset[str]] = {}

    def method_names_from_class(clazz):
        names = methods.get(clazz)
        if names is None:
            names = methods[clazz] = frozenset(moto_methods(clazz))
        return names

    moto.core.responses.method_names_from_class = method_names_from_class  # type: ignore[assignment]
