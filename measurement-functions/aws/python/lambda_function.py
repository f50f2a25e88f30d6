"""AWS Lambda adapter (handler ``lambda_function.handler``) for a Function URL request, payload
format 2.0, over faasbench_core: the same behaviour as measurement-functions/aws/handler.ts.
Standard library only; faasbench_core.py is copied next to this file in the package.
"""

import json
import os

import faasbench_core as core

# AWS_REGION is set by Lambda itself, so it names the region the code really runs in.
_config = core.config_from_env(
    dict(os.environ, **{core.ENV["region"]: os.environ.get("AWS_REGION") or os.environ.get(core.ENV["region"], "")})
)
# Made at module load, which Lambda does once per execution environment, as the module's last
# step: instanceStartedAt is the runtime process's start (Lambda starts it in the environment's Init
# phase), initEndedAt is now. Lambda may run Init well before the first request arrives.
_instance = core.Instance()

def body_bytes(event):
    """Bytes of the body as the client sent it. A base64 body is counted from its length instead
    of decoded, so a request without the token costs no work proportional to its payload."""
    body = event.get("body") or ""
    if not event.get("isBase64Encoded"):
        return len(body.encode("utf-8"))
    padding = 2 if body.endswith("==") else 1 if body.endswith("=") else 0
    return len(body) * 3 // 4 - padding


def handler(event, context):
    headers = event.get("headers") or {}
    query = event.get("queryStringParameters") or {}
    status, body = _instance.invoke(
        _config,
        headers.get(core.TOKEN_HEADER),
        query.get(core.SPIN_INCREMENTS_PARAM),
        query.get(core.SPIN_MS_PARAM),
        body_bytes(event),
        getattr(context, "aws_request_id", None),
    )
    return {"statusCode": status, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
