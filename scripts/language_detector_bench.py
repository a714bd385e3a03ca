"""Memory and time of the language detector (issue 12). A benchmark, not a test.

    .venv/bin/python -m scripts.language_detector_bench            # low-accuracy mode (the default)
    .venv/bin/python -m scripts.language_detector_bench --high     # high-accuracy mode

Prints the process's resident memory before and after building the detector (restricted to our
languages plus the common unsupported ones in content/languages.py), the build time, the time per
message, and how many of a small set of messages it gets right.
"""

from __future__ import annotations

import argparse
import time

from content.language_detection import DETECTOR, decide

SAMPLES = [
    ("pl", "Mój mąż mnie bije i boję się wrócić do domu"), ("pl", "potrzebuję pomocy, partner mi grozi"),
    ("ro", "Soțul meu mă bate și mi-e frică"), ("ro", "sotul meu ma bate si mi-e frica de el"),
    ("ro", "am nevoie de ajutor acum te rog"), ("ur", "میرا شوہر مجھے مارتا ہے"),
    ("ur", "mera shohar mujhe marta hai"), ("pa", "ਮੇਰਾ ਪਤੀ ਮੈਨੂੰ ਮਾਰਦਾ ਹੈ"),
    ("pt", "O meu marido bate-me e tenho medo"), ("pt", "preciso de ajuda por favor agora"),
    ("gu", "મારો પતિ મને મારે છે"), ("en", "my husband hits me and I am scared"),
    ("en", "I think my neighbour is being cuckooed"), ("es", "Mi marido me pega y tengo miedo"),
    ("fr", "Mon mari me frappe et j'ai peur"), ("ar", "زوجي يضربني كل يوم وأنا خائفة"),
    ("lt", "Mano vyras mane muša kiekvieną dieną"), ("bg", "Съпругът ми ме бие всеки ден"),
    ("ru", "Муж меня бьёт каждый день"),
]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--high", action="store_true", help="high-accuracy mode")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    DETECTOR.configure(low_accuracy=not args.high)
    before = rss_mb()
    start = time.perf_counter()
    DETECTOR.get()
    built = time.perf_counter() - start
    after = rss_mb()
    right = 0
    for want, text in SAMPLES:
        decision = decide(text, None)
        got = decision.unsupported or decision.detected
        right += got == want
        if got != want:
            print(f"  miss: want {want}, got {got}: {text}")
    start = time.perf_counter()
    for _ in range(args.repeat):
        for _, text in SAMPLES:
            decide(text, None)
    per_message = (time.perf_counter() - start) / (args.repeat * len(SAMPLES)) * 1000
    mode = "high" if args.high else "low"
    print(f"mode={mode} rss_before={before:.0f}MB rss_after_build={after:.0f}MB (+{after - before:.0f}MB) "
          f"build={built:.1f}s per_message={per_message:.2f}ms right={right}/{len(SAMPLES)} rss_end={rss_mb():.0f}MB")


if __name__ == "__main__":
    main()
