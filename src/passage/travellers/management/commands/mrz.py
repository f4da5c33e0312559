from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from passage.core.mrz import FORMATS, MRZError, make_mrz, parse_many

MAKE_FIELDS = (
    "surname",
    "given_names",
    "document_number",
    "issuing_state",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "document_code",
    "optional_data",
    "optional_data_2",
)


def _dates(fields: dict[str, Any]) -> dict[str, Any]:
    """Accept ISO dates (YYYY-MM-DD) as well as the MRZ's YYMMDD."""
    for name in ("birth_date", "expiry_date"):
        value = fields.get(name)
        if isinstance(value, str) and len(value) == 10 and value[4] == "-":
            try:
                fields[name] = date.fromisoformat(value)
            except ValueError as exc:
                raise ValueError(f"{name}: {exc}") from exc
    return fields


class Command(BaseCommand):
    help = (
        "Travel documents (ICAO 9303). `passage mrz parse` reads MRZ text on standard input "
        "(documents separated by a blank line) and writes one JSON object per document. "
        "`passage mrz make` builds a valid MRZ from fields (options, or JSON Lines on stdin). "
        "`passage mrz read IMAGE...` finds and reads the MRZ in scans or photos of data pages "
        "and writes one JSON object per image."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="verb", required=True)
        parse = sub.add_parser("parse", help="parse and validate MRZs from standard input")
        parse.add_argument(
            "--reference-date",
            type=date.fromisoformat,
            help="for century inference (default today)",
        )
        parse.add_argument(
            "--repair", action="store_true", help="add a suggested OCR repair to each result"
        )
        read = sub.add_parser("read", help="read the MRZ in images (JPEG, PNG, TIFF)")
        read.add_argument("images", nargs="+", metavar="IMAGE")
        read.add_argument(
            "--reference-date",
            type=date.fromisoformat,
            help="for century inference (default today)",
        )
        make = sub.add_parser("make", help="build an MRZ from fields")
        make.add_argument("--format", dest="mrz_format", choices=FORMATS, default="TD3")
        make.add_argument(
            "--json", action="store_true", help="read one JSON object of fields per line from stdin"
        )
        for name in MAKE_FIELDS:
            make.add_argument(f"--{name.replace('_', '-')}", dest=name)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "parse":
            self._parse(options)
        elif options["verb"] == "read":
            self._read(options)
        else:
            self._make(options)

    def _parse(self, options: dict[str, Any]) -> None:
        text = sys.stdin.read()
        for result in parse_many(
            text, reference=options["reference_date"], repair=options["repair"]
        ):
            self.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False))

    def _read(self, options: dict[str, Any]) -> None:
        # Late on purpose: the image reader loads OpenCV, which every other `passage mrz`
        # run would pay for at start-up. Not a dependency cycle (core is below every app).
        from passage.core.mrz.image import MAX_BYTES, MRZImageError, read_mrz_image

        failed = 0
        for name in options["images"]:
            out: dict[str, object] = {"file": name}
            try:
                path = Path(name)
                if path.stat().st_size > MAX_BYTES:
                    raise MRZImageError(
                        "too_large", f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB"
                    )
                data = path.read_bytes()
                out.update(read_mrz_image(data, reference=options["reference_date"]).to_dict())
            except OSError as exc:
                out.update(error=f"cannot open the file: {exc.strerror or exc}", code="not_found")
                failed += 1
            except MRZImageError as exc:
                out.update(error=exc.message, code=exc.code)
                failed += 1
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        if failed:
            raise CommandError(
                f"{failed} of {len(options['images'])} images not read", returncode=1
            )

    def _make(self, options: dict[str, Any]) -> None:
        if options["json"]:
            first = True
            for number, line in enumerate(sys.stdin, start=1):
                if not line.strip():
                    continue
                try:
                    fields = json.loads(line)
                    if not isinstance(fields, dict):
                        raise ValueError("not a JSON object")
                    fmt = fields.pop("format", options["mrz_format"])
                    mrz = make_mrz(
                        fmt, **_dates({k: v for k, v in fields.items() if k in MAKE_FIELDS})
                    )
                except (ValueError, TypeError, MRZError) as exc:
                    raise CommandError(f"line {number}: {exc}") from exc
                if not first:
                    self.stdout.write("")
                self.stdout.write(mrz)
                first = False
            return
        fields = {name: options[name] for name in MAKE_FIELDS if options[name] is not None}
        missing = [
            n
            for n in ("surname", "document_number", "issuing_state", "birth_date")
            if n not in fields
        ]
        if missing:
            raise CommandError("missing: " + ", ".join("--" + n.replace("_", "-") for n in missing))
        try:
            self.stdout.write(make_mrz(options["mrz_format"], **_dates(fields)))
        except (ValueError, TypeError, MRZError) as exc:
            raise CommandError(str(exc)) from exc
