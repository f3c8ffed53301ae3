"""GC pause probe for `bench/http_load.py --variant`: loaded into each server process through `PYTHONPATH`.

Active only with NOOK_GC_PROBE_DIR set. Times every cyclic collection (generation, duration, objects
collected) with `gc.callbacks` and writes them per process into NOOK_GC_PROBE_DIR/<pid>.json every 2 s,
so the pauses can be set beside the requests' tail. Knobs to try without changing the product:
NOOK_GC_PROBE_THRESHOLD ("700,10,10": `gc.set_threshold`), NOOK_GC_PROBE_FREEZE_S (seconds after start
to collect and `gc.freeze()` what start-up made), NOOK_GC_PROBE_SWITCH (`sys.setswitchinterval`, seconds).
"""

from __future__ import annotations

import gc
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

_DIR = os.environ.get("NOOK_GC_PROBE_DIR", "")
_pauses: list[tuple[float, int, float, int]] = []  # (wall clock, generation, ms, collected)
_started: list[float] = [0.0]


def _callback(phase: str, info: dict[str, Any]) -> None:
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    ms = (time.perf_counter() - _started[0]) * 1000
    _pauses.append((time.time(), int(info["generation"]), ms, int(info["collected"])))


def _dump_forever() -> None:
    path = Path(_DIR) / f"{os.getpid()}.json"
    scratch = path.with_suffix(".tmp")
    while True:
        time.sleep(2)
        scratch.write_text(json.dumps(list(_pauses)))
        scratch.replace(path)


def _freeze_later(seconds: float) -> None:
    time.sleep(seconds)
    gc.collect()
    gc.freeze()


if _DIR:
    Path(_DIR).mkdir(parents=True, exist_ok=True)
    gc.callbacks.append(_callback)
    threading.Thread(target=_dump_forever, name="gc-probe", daemon=True).start()
if os.environ.get("NOOK_GC_PROBE_THRESHOLD"):
    gc.set_threshold(*(int(x) for x in os.environ["NOOK_GC_PROBE_THRESHOLD"].split(",")))
if os.environ.get("NOOK_GC_PROBE_FREEZE_S"):
    freeze_s = float(os.environ["NOOK_GC_PROBE_FREEZE_S"])
    threading.Thread(target=_freeze_later, args=(freeze_s,), name="gc-freeze", daemon=True).start()
if os.environ.get("NOOK_GC_PROBE_SWITCH"):
    sys.setswitchinterval(float(os.environ["NOOK_GC_PROBE_SWITCH"]))
