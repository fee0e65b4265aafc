"""The yardstick of the startup benchmark: a bare PySide6 window, started like Rapport's.

A ``QMainWindow`` with a label, the size Rapport's window opens at, run by the same
Python as ``rapport --startup-check``. Like it, it prints ``shown in N ms`` (measured
from this script's first line, as Rapport measures from its package's first line) right
after the window's first paint, then its peak resident memory (``peak N kB``, read from
/proc as window_probe.py does) and quits.
"""

import time

STARTED = time.perf_counter()

import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, finish)
        return False


def peak_kb() -> int:
    """This process's peak resident memory since it started (VmHWM; 0 if unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def finish() -> None:
    print(f"shown in {round((time.perf_counter() - STARTED) * 1000)} ms", flush=True)
    print(f"peak {peak_kb()} kB", flush=True)
    QApplication.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("Bare window")
window.setCentralWidget(QLabel("A bare PySide6 window"))
window.resize(1200, 760)
watcher = FirstPaint(window)
window.installEventFilter(watcher)
window.show()
sys.exit(app.exec())
