"""How long one certificate PDF takes to make: `.venv/bin/python bench/certificate_pdf.py [N]`.

Draws the same certificate N times (default 200) with the real code (certificates.pdf) and
prints the median and 95th-percentile time. No database: the PDF is drawn from plain values,
as the download view does after its one query. The target is under one second.
"""

import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from certificates.pdf import CertificateContent, certificate_pdf  # noqa: E402


def main(runs: int) -> None:
    content = CertificateContent(
        holder_name="Dee Okafor",
        course_title="Foundations of Harm Reduction Therapy",
        completed_on=date(2026, 11, 27),
        code="7KQ2-M9XD-4HTB-0WZN",
        verify_url="https://training.example.org/verify/7KQ2-M9XD-4HTB-0WZN/",
        issuer="Harbour Street Harm Reduction Centre",
        ce_hours=Decimal("1.5"),
        expires_on=date(2027, 11, 27),
    )
    started = time.perf_counter()
    size = len(certificate_pdf(content))  # the first one loads fonts and modules
    first = time.perf_counter() - started
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        certificate_pdf(content)
        times.append(time.perf_counter() - started)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(f"certificate PDF: {size} bytes")
    print(f"first (cold): {first * 1000:.1f} ms")
    print(f"median of {runs}: {statistics.median(times) * 1000:.1f} ms, 95th percentile: {p95 * 1000:.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
