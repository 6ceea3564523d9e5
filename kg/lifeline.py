"""Worker processes that end with the process that started them.

``tradekg ingest`` validates in worker processes and ``serve`` (and ``sparql``'s time limit)
answers queries in them. When the parent is killed (SIGKILL, the out-of-memory killer) nothing
in it runs to stop them: a worker in the middle of a batch or of a long query would go on as
an orphan, holding memory and CPU, for minutes.

On Linux a process can ask the kernel to send it a signal when its parent ends
(``prctl(PR_SET_PDEATHSIG)``); ``end_with_parent`` asks for SIGKILL, first thing in the
worker, then checks that its parent is still the process that started it: a parent that died
before the request left the worker to another parent, and no signal would ever come. Elsewhere
only the check is made (a query worker still ends when it next reads from its parent's pipe;
an ingest worker may wait on its queue until killed).

The kernel's "parent" is the *thread* that started the worker: when that thread ends, the
signal is sent although the rest of the process goes on. So a worker must be started from a
thread that lives at least as long as the worker should (``kg.store.pool`` starts its workers
from one thread that lives as long as the pool; ``kg.ingest`` from the thread that runs the
ingest).

Standard library only: the query workers import this module and start in a fraction of a
second.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_parent(parent: int) -> bool:
    """Have this process killed when ``parent`` (the pid that started it) ends.

    Returns whether the kernel will do so (False off Linux, or where ``prctl`` is missing).
    If ``parent`` has already ended, this process ends here, at once.
    """
    armed = False
    if sys.platform.startswith("linux"):
        try:
            prctl = ctypes.CDLL(None, use_errno=True).prctl
        except (OSError, AttributeError):
            pass
        else:
            armed = prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:  # the parent ended before the request: no signal would come
        os._exit(1)
    return armed
