"""The measurement core for Python runtimes: the same contract as measurement-functions/core
(TypeScript), standard library only, so it runs on AWS Lambda without layers and on Google Cloud
Functions without a requirements file.

Create one Instance at module load, as the module's last step: its creation time is the instance's
init end, and the first request it receives, accepted or refused, is its cold start.
"""

import hmac
import os
import platform
import time
import uuid

TOKEN_HEADER = "x-faasbench-token"
SPIN_INCREMENTS_PARAM = "spinIncrements"
SPIN_MS_PARAM = "spinMs"
MAX_SPIN_INCREMENTS = 10**11
# Clock reads between chunks of the spin loop: reading every iteration would dominate it.
_CHECK_EVERY = 65536

ENV = {
    "token": "FAASBENCH_TOKEN",
    "vendor": "FAASBENCH_VENDOR",
    "region": "FAASBENCH_REGION",
    "runtime": "FAASBENCH_RUNTIME",
    "memory_mb": "FAASBENCH_MEMORY_MB",
    "max_spin_ms": "FAASBENCH_MAX_SPIN_MS",
    "max_payload_bytes": "FAASBENCH_MAX_PAYLOAD_BYTES",
}


class Config:
    def __init__(self, vendor, runtime, region, memory_mb, token, max_spin_ms, max_payload_bytes):
        self.vendor = vendor
        self.runtime = runtime
        self.region = region
        self.memory_mb = memory_mb
        self.token = token
        self.max_spin_ms = max_spin_ms
        self.max_payload_bytes = max_payload_bytes


def config_from_env(env=None):
    env = os.environ if env is None else env

    def text(key):
        value = env.get(ENV[key], "")
        if value == "":
            raise RuntimeError("faasbench function: environment variable %s is not set" % ENV[key])
        return value

    def number(key):
        value = float(text(key))
        if value < 0:
            raise RuntimeError("faasbench function: %s must be a non-negative number" % ENV[key])
        return int(value) if value.is_integer() else value

    return Config(
        vendor=text("vendor"),
        runtime=text("runtime"),
        region=text("region"),
        memory_mb=number("memory_mb"),
        token=text("token"),
        max_spin_ms=number("max_spin_ms"),
        max_payload_bytes=number("max_payload_bytes"),
    )


def _epoch_ms():
    return time.time_ns() / 1e6


def _monotonic_ms():
    return time.perf_counter_ns() / 1e6


# When this module was first imported: the instance's start where the process start is unknown.
_IMPORTED_AT_MS = _epoch_ms()


def process_started_at_ms():
    """Epoch ms when this process started, or None where /proc does not say (not Linux).

    /proc/self/stat gives the start in clock ticks since boot (field 22, on the boot-time clock);
    its distance from now on CLOCK_BOOTTIME, taken from the wall clock now, is the start as epoch
    ms, to the tick (10 ms at the usual USER_HZ of 100). /proc/stat's btime would do the same but
    only to the whole second.
    """
    try:
        with open("/proc/self/stat") as stat_file:
            stat = stat_file.read()
        # Field 2, the command name, is in parentheses and may hold spaces: count after the last ")".
        after_name = stat[stat.rindex(")") + 2 :].split()
        start_ticks = int(after_name[19])
        ticks_per_second = os.sysconf("SC_CLK_TCK")
        since_start_s = time.clock_gettime(time.CLOCK_BOOTTIME) - start_ticks / ticks_per_second
        now_ms = _epoch_ms()
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return now_ms - since_start_s * 1000


def token_matches(expected, presented):
    """Constant-time comparison, so response timing does not reveal how much of a guess was right.
    An empty configured token refuses everything."""
    if not expected or presented is None:
        return False
    return hmac.compare_digest(expected.encode(), presented.encode())


def _refuse(status, error, message):
    return status, {"error": error, "message": message}


class Instance:
    """One function instance.

    instance_started_at: the interpreter process's start (Lambda starts the runtime in the
    environment's Init phase; Cloud Run starts the framework with the container), else when this
    module was first imported. init_ended_at: now, as the adapter module's last step.
    """

    def __init__(self, random_id=None, started_at_ms=None):
        self.init_ended_at = _epoch_ms()
        self.instance_id = random_id() if random_id is not None else str(uuid.uuid4())
        if started_at_ms is None:
            started_at_ms = process_started_at_ms()
        self.instance_started_at = started_at_ms if started_at_ms is not None else _IMPORTED_AT_MS
        self.invocations = 0
        self.refused_before_first = 0
        self.runtime_label = "python %s" % platform.python_version()

    def invoke(self, config, token, spin_increments, spin_ms, payload_bytes, request_id):
        """Returns (status, body dict). A refusal (401, 400, 413) does no work and answers only
        {error, message}, but it is still a request this instance received: one before the first
        accepted request takes the cold start and is counted in refusedBeforeFirst."""
        handler_started_at = _epoch_ms()
        checked = self._check(config, token, spin_increments, spin_ms, payload_bytes)
        if checked[0] != 200:
            if self.invocations == 0:
                self.refused_before_first += 1
            return checked
        _, mode, amount = checked

        self.invocations += 1
        if mode == "ms":
            increments, elapsed_ms, capped = _spin_for(amount)
        else:
            increments, elapsed_ms, capped = _spin_increments(amount, config.max_spin_ms)
        return 200, {
            "instanceId": self.instance_id,
            "coldStart": self.invocations == 1 and self.refused_before_first == 0,
            "refusedBeforeFirst": self.refused_before_first,
            "invocationCount": self.invocations,
            "instanceStartedAt": self.instance_started_at,
            "initEndedAt": self.init_ended_at,
            "handlerStartedAt": handler_started_at,
            "handlerEndedAt": _epoch_ms(),
            "serviceTimeMs": elapsed_ms,
            "spinIncrements": increments,
            "spinCapped": capped,
            "payloadBytes": payload_bytes,
            "vendor": config.vendor,
            "runtime": self.runtime_label,
            "region": config.region,
            "memoryMb": config.memory_mb,
            "requestId": request_id,
        }

    @staticmethod
    def _check(config, token, spin_increments, spin_ms, payload_bytes):
        """(200, mode, amount) for an accepted request, else the refusal (status, body): the token
        first, then the spin, then the payload."""
        if not token_matches(config.token, token):
            return _refuse(401, "unauthorized", "missing or wrong x-faasbench-token")
        if spin_increments is not None and spin_ms is not None:
            return _refuse(400, "bad-request", "give spinIncrements or spinMs, not both")
        mode, amount = "increments", 0
        if spin_ms is not None:
            try:
                amount = float(spin_ms)
            except ValueError:
                amount = -1.0
            if amount != amount or amount < 0 or amount == float("inf"):
                return _refuse(400, "bad-request", "spinMs must be a non-negative number")
            if amount > config.max_spin_ms:
                return _refuse(400, "bad-request", "spinMs %s is more than this function's cap of %s" % (spin_ms, config.max_spin_ms))
            mode = "ms"
        elif spin_increments is not None:
            if not spin_increments.isdigit() or int(spin_increments) > MAX_SPIN_INCREMENTS:
                return _refuse(400, "bad-request", "spinIncrements must be a whole number from 0 to %d" % MAX_SPIN_INCREMENTS)
            amount = int(spin_increments)
        if payload_bytes > config.max_payload_bytes:
            return _refuse(413, "payload-too-large", "payload of %d bytes is more than %d" % (payload_bytes, config.max_payload_bytes))
        return 200, mode, amount


def _spin_increments(increments, cap_ms):
    start = _monotonic_ms()
    done = 0
    total = 0
    while done < increments:
        stop = min(increments, done + _CHECK_EVERY)
        for i in range(done, stop):
            total = (total + i) & 0xFFFFFFFF
        done = stop
        if done < increments and _monotonic_ms() - start >= cap_ms:
            return done, _monotonic_ms() - start, True
    return done, _monotonic_ms() - start, False


def _spin_for(ms):
    start = _monotonic_ms()
    done = 0
    total = 0
    while _monotonic_ms() - start < ms:
        for i in range(1024):
            total = (total + i) & 0xFFFFFFFF
        done += 1024
    return done, _monotonic_ms() - start, False
