#!/usr/bin/env python3
"""Checks Newsmark's Krippendorff's alpha against the `krippendorff` package from PyPI.

Usage: check_alpha.py CASES.json

CASES.json is written by crates/newsmark-core/tests/agreement.rs:

    {"cases": [{"name": "...", "text_len": 300,
                "annotators": [[{"tag": "claim", "start": 3, "end": 17}, ...], ...],
                "alpha": {"claim": 0.41, "quote": null, "actor": 1.0}}]}

For every case and tag this builds the annotator x code point reliability matrix (1 where
one of the annotator's spans with the tag covers the code point, else 0), asks
krippendorff.alpha for the nominal alpha, and compares it with Newsmark's figure. Newsmark
gives null where alpha is undefined (no variation in the values); the package must then
refuse (ValueError) or give NaN. Exits with status 1 if any figure differs by more than
1e-9, and 2 if the package cannot be imported.
"""

import json
import math
import sys

try:
    import krippendorff
    import numpy as np
except ImportError as e:
    print(f"check_alpha.py: cannot import krippendorff and numpy ({e}); run scripts/setup.sh", file=sys.stderr)
    sys.exit(2)

TOLERANCE = 1e-9


def reliability_matrix(text_len, annotators, tag):
    """One row per annotator, one column per code point: 1 where the annotator tags it with `tag`."""
    rows = np.zeros((len(annotators), text_len))
    for row, spans in zip(rows, annotators):
        for span in spans:
            if span["tag"] == tag:
                row[span["start"]:span["end"]] = 1
    return rows


def reference_alpha(data):
    """The package's nominal alpha, or None where it is undefined."""
    try:
        value = float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    except (ValueError, ZeroDivisionError):
        return None
    return None if math.isnan(value) else value


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    failures = 0
    checked = 0
    for case in cases:
        for tag, ours in case["alpha"].items():
            theirs = reference_alpha(reliability_matrix(case["text_len"], case["annotators"], tag))
            checked += 1
            if ours is None or theirs is None:
                ok = ours is None and theirs is None
            else:
                ok = abs(ours - theirs) <= TOLERANCE
            status = "ok" if ok else "MISMATCH"
            print(f"{case['name']} {tag}: newsmark {ours!r}, krippendorff {theirs!r} {status}")
            failures += not ok
    print(f"{checked - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
