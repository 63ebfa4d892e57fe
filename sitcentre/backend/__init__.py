"""The one object between ui/ and the rest of sitcentre (issue 11): no Qt here.

    backend = Backend.open(url, settings)            # start-up: engine, migrations, demo data
    desk = backend.desk(actor)                       # the signed-in user, bound once
    desk.incidents.record(incident)                  # -> Done(saved incident, Changes(incidents, posts))
    desk.charts.load(query)                          # reads return plain frozen values

ui/ receives a Desk (and the task runner), never an engine. Every write of a desk runs as its actor; a
write's result is `Done(value, changes)` so the runner can tell every panel what changed at once.
"""

from sitcentre.backend.core import Backend, Desk, NoActor
from sitcentre.domain.changes import Changes, Done, Topic

__all__ = ["Backend", "Desk", "NoActor", "Changes", "Done", "Topic"]
