"""Locust entry point: creates MikoPBX employees through the PBX's REST API.

    locust -f locustfile.py                      # web UI, against a local emulator
    locust -f locustfile.py --host http://pbx:8081 --headless -u 20 --employees 700

Pick the HTTP client by class name: EmployeeUser (requests) or FastEmployeeUser
(geventhttpclient). With no class named, both run, half of the users each.
"""

import locust  # noqa: F401  (first: gevent patches the standard library before anything else)
from locust import events

from suite import lifecycle, shape_options, verdict, webui
from users import EmployeeUser, FastEmployeeUser

__all__ = ["EmployeeUser", "FastEmployeeUser"]

events.init_command_line_parser.add_listener(lifecycle.on_init_command_line_parser)
events.init.add_listener(lifecycle.on_init)
events.test_start.add_listener(lifecycle.on_test_start)
events.test_stop.add_listener(lifecycle.on_test_stop)
events.quitting.add_listener(lifecycle.on_quitting)
# After the suite's listeners: thresholds, JUnit and the run manifest need the run and its summary.
verdict.register(events)
shape_options.register(events)  # --shape: steps, ramp or spike; none by default
webui.register(events)  # the web UI's Employees tab
