"""--shape: which ramp-up shape drives a test (steps, ramp, spike or none), and its options.

Locust drives every test with a LoadTestShape it finds in the locustfile, so the suite's
shapes are not there: the chosen one is put in place at init for the command line, and
when the web UI's form starts a test. With --shape none (the default) there is no shape,
and -u/-r (the form's users and spawn rate) work as always. Locust's --class-picker lists
the shapes too; its choice then wins over the form's --shape.
"""

from __future__ import annotations

import argparse
import logging
import sys
from functools import partial
from typing import Any

from flask import Response, jsonify, request
from locust.runners import STATE_RUNNING, STATE_SPAWNING

from suite.options import OptionError
from suite.shape_params import COUNTS, TIMES, dest, params_from
from suite.shapes import SHAPES, SuiteShape

log = logging.getLogger("employees")
NO_SHAPE = "none"
EXIT_BAD_SETUP = 2
FIELDS = ("shape", *(dest(flag) for flag, _, _ in COUNTS + TIMES))
"""The form's fields of these options."""


def register(events: Any) -> None:
    events.init_command_line_parser.add_listener(on_init_command_line_parser)
    events.init.add_listener(on_init)
    events.test_start.add_listener(on_test_start)


def on_init_command_line_parser(parser: Any, **_: Any) -> None:
    parser.add_argument(
        "--shape",
        choices=(NO_SHAPE, *SHAPES),
        default=NO_SHAPE,
        env_var="PBX_SHAPE",
        help="Ramp-up shape: steps, ramp or spike, with the --shape-* options; the users and "
        "spawn rate then come from the shape. none: -u and -r as usual",
    )
    for flag, default, text in COUNTS:
        parser.add_argument(flag, type=int, default=default, env_var=_env(flag), help=text)
    for flag, default, text in TIMES:
        parser.add_argument(flag, default=default, env_var=_env(flag), help=text)


def on_init(environment: Any, web_ui: Any = None, **_: Any) -> None:
    """Put the command line's shape in place (on the master: workers run no shape)."""
    options = environment.parsed_options
    if options is None or options.worker:
        return
    try:
        shape = chosen(options.shape, options, options)
    except OptionError as error:
        sys.stderr.write(f"error: {error}\n")
        sys.exit(EXIT_BAD_SETUP)
    install(environment, shape)
    if web_ui is not None:
        if web_ui.userclass_picker_is_active and environment.available_shape_classes is not None:
            for name, shape_class in SHAPES.items():
                read = partial(params_from, options)
                environment.available_shape_classes[name] = shape_class(params_from(options), read)
        web_ui.app.before_request(partial(choose_from_form, environment))


def on_test_start(environment: Any, **_: Any) -> None:
    shape = environment.shape_class
    if isinstance(shape, SuiteShape) and not environment.parsed_options.worker:
        log.info("load shape %s: %s", shape.name, shape.describe())


def chosen(name: str, options: Any, source: Any) -> SuiteShape | None:
    """The shape named, with the parameters of `options`; read again from `source` at start."""
    if name in (NO_SHAPE, "", "Default"):
        return None
    if name not in SHAPES:
        raise OptionError(f"--shape {name!r} is unknown; choose one of {', '.join(SHAPES)}")
    return SHAPES[name](params_from(options), partial(params_from, source))


def install(environment: Any, shape: SuiteShape | None) -> None:
    if shape is not None:
        shape.runner = environment.runner
    environment.shape_class = shape


def choose_from_form(environment: Any) -> Response | None:
    """Before Locust's /swarm: refuse the form's wrong shape options, put its shape in place."""
    runner = environment.runner
    if request.endpoint != "locust.swarm" or runner.state in (STATE_RUNNING, STATE_SPAWNING):
        return None  # a running test's users are being edited: its shape stays
    form = {key: request.form[key] for key in FIELDS if key in request.form}
    options = argparse.Namespace(**{**vars(environment.parsed_options), **form})
    picker = environment.web_ui.userclass_picker_is_active
    name = request.form.get("shape_class", NO_SHAPE) if picker else options.shape
    try:
        shape = chosen(name, options, environment.parsed_options)
    except OptionError as error:
        return jsonify({"success": False, "message": str(error), "host": environment.host})
    if not picker:
        install(environment, shape)
    return None


def _env(flag: str) -> str:
    return "PBX_" + dest(flag).upper()
