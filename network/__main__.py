"""Command line: ``python -m network validate DIR`` prints the validation report.

Exit status: 0 when the package is valid (warnings allowed), 1 when it has errors,
2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys

from network.loading import load
from network.text.catalogue import LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m network", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("validate", help="check a data package and print every problem")
    check.add_argument("path", nargs="?", default=None,
                       help="folder of CSV files, datapackage.json or .xlsx "
                            "(default: bundled data)")
    check.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the report")
    args = parser.parse_args(argv)
    result = load(args.path)
    print(result.report.render(args.lang))
    if result.dataset is not None:
        ds = result.dataset
        print(f"{len(ds.actors)} actors, {len(ds.ties)} ties, {len(ds.networks)} networks, "
              f"years {ds.first_year}–{ds.last_year}.")
    return 0 if result.report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
