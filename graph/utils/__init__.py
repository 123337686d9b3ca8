"""Utils: shared plumbing for every stage: atomic file writes, work fanned out over worker processes,
the bounded sandbox (a worker with time and memory limits, and no network), and the progress bar.
"""

from .fanout import available_cores, map_ordered
from .files import write_atomic
from .offline import NetworkRefused, install_audit_hook, network_allowed, no_network
from .progress import ProgressBar, progress_bar
from .sandbox import (
    CAN_FORK,
    MemoryLimitExceeded,
    SandboxError,
    TimeLimitExceeded,
    WorkerFailed,
    WorkerReport,
    last_report,
    run_isolated,
)

__all__ = [
    # files
    "write_atomic",
    # fanout
    "available_cores",
    "map_ordered",
    # offline
    "NetworkRefused",
    "no_network",
    "network_allowed",
    "install_audit_hook",
    # sandbox
    "CAN_FORK",
    "SandboxError",
    "TimeLimitExceeded",
    "MemoryLimitExceeded",
    "WorkerFailed",
    "WorkerReport",
    "run_isolated",
    "last_report",
    # progress
    "ProgressBar",
    "progress_bar",
]
