"""The measurement function on Google Cloud Run functions (Python runtimes): entry point `measure`,
called by the Functions Framework with a Flask request. Standard library only besides the
framework, which the platform installs; faasbench_core.py sits next to this file in the package.
"""

import json

import faasbench_core as core

# Cloud Run functions sets this on each invocation: the `execution_id` of the function's logs.
EXECUTION_ID_HEADER = "Function-Execution-Id"
# Google's front end sets this on every request, "TRACE_ID/SPAN_ID;o=OPTIONS".
TRACE_HEADER = "X-Cloud-Trace-Context"

_config = core.config_from_env()
# Made at module load, as its last step: the framework imports this module once per instance,
# before it serves, so the id marks exactly one Cloud Run instance. instanceStartedAt is the
# framework process's start, initEndedAt now.
_instance = core.Instance()


def measure(request):
    token = request.headers.get(core.TOKEN_HEADER)
    # Only a caller with the token gets its body read: the core refuses the others before any work.
    payload_bytes = len(request.get_data()) if core.token_matches(_config.token, token) else 0
    status, body = _instance.invoke(
        _config,
        token,
        request.args.get(core.SPIN_INCREMENTS_PARAM),
        request.args.get(core.SPIN_MS_PARAM),
        payload_bytes,
        _request_id(request.headers),
    )
    return json.dumps(body), status, {"Content-Type": "application/json"}


def _request_id(headers):
    """The execution id when the platform sends one, else the trace id, else None."""
    execution_id = headers.get(EXECUTION_ID_HEADER)
    if execution_id:
        return execution_id
    trace_id = (headers.get(TRACE_HEADER) or "").split("/")[0]
    return trace_id or None
