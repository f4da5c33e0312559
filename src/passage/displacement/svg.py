"""The map: admin areas from GeoJSON drawn as inline SVG, with the flow monitoring
points on top. No tiles and no script: posts are offline, and the page stays readable
without JavaScript. Projection: equirectangular, longitude scaled by the cosine of the
middle latitude, fitted to the view box.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings

WIDTH, HEIGHT, MARGIN = 640, 480, 12
# Five shades from light to dark (ColorBrewer "Blues", as colour values: facts, not code).
SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
WITHHELD = "url(#withheld)"


@dataclass(frozen=True)
class Area:
    pcode: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]


@functools.cache
def _boundaries(path: str) -> tuple[Area, ...]:
    if path:
        text = Path(path).read_text("utf-8")
    else:
        text = (
            resources.files("passage.displacement")
            .joinpath("data", "utopia_admin1.geojson")
            .read_text("utf-8")
        )
    doc = json.loads(text)
    areas = []
    for feature in doc.get("features", []):
        geometry = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        polygons: list[Any]
        if geometry.get("type") == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            continue
        rings = tuple(
            tuple((float(x), float(y)) for x, y, *_rest in ring)
            for polygon in polygons
            for ring in polygon
        )
        areas.append(Area(str(props.get("pcode", "")), str(props.get("name", "")), rings))
    return tuple(areas)


def boundaries() -> tuple[Area, ...]:
    """The admin boundaries (``PASSAGE_DISPLACEMENT_BOUNDARIES``, else the demo's)."""
    return _boundaries(str(getattr(settings, "PASSAGE_DISPLACEMENT_BOUNDARIES", "") or ""))


class Projection:
    def __init__(self, areas: tuple[Area, ...]) -> None:
        xs = [x for a in areas for ring in a.rings for x, _y in ring] or [0.0, 1.0]
        ys = [y for a in areas for ring in a.rings for _x, y in ring] or [0.0, 1.0]
        self.x0, self.y1 = min(xs), max(ys)
        self.k = math.cos(math.radians((min(ys) + max(ys)) / 2))
        span_x = (max(xs) - min(xs)) * self.k or 1.0
        span_y = (max(ys) - min(ys)) or 1.0
        self.scale = min((WIDTH - 2 * MARGIN) / span_x, (HEIGHT - 2 * MARGIN) / span_y)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            round(MARGIN + (lon - self.x0) * self.k * self.scale, 1),
            round(MARGIN + (self.y1 - lat) * self.scale, 1),
        )


def shade(value: int | None, top: int) -> str:
    if value is None:
        return WITHHELD
    if value == 0 or top == 0:
        return "#ffffff"
    return SHADES[min(len(SHADES) - 1, int(len(SHADES) * value / (top + 1)))]


def map_context(
    area_values: dict[str, int | None], points: list[tuple[str, str, float, float, int | None]]
) -> dict[str, Any]:
    """What the map template draws: one path per area, one circle per point."""
    areas = boundaries()
    project = Projection(areas)
    top = max((v or 0 for v in area_values.values()), default=0)
    paths = []
    for area in areas:
        d = " ".join(
            "M" + " L".join(f"{x},{y}" for x, y in (project(lon, lat) for lon, lat in ring)) + " Z"
            for ring in area.rings
        )
        value = area_values.get(area.pcode, 0)
        xs = [project(lon, lat) for ring in area.rings[:1] for lon, lat in ring[:-1]]
        cx = sum(x for x, _y in xs) / max(1, len(xs))
        cy = sum(y for _x, y in xs) / max(1, len(xs))
        paths.append(
            {
                "pcode": area.pcode,
                "name": area.name,
                "d": d,
                "fill": shade(value, top),
                "value": value,
                "x": round(cx, 1),
                "y": round(cy, 1),
            }
        )
    top_point = max((p[4] or 0 for p in points), default=0)
    circles = []
    for code, name, lat, lon, value in points:
        x, y = project(lon, lat)
        radius = 4 + 12 * math.sqrt((value or 0) / top_point) if top_point else 4
        circles.append(
            {"code": code, "name": name, "x": x, "y": y, "r": round(radius, 1), "value": value}
        )
    return {"width": WIDTH, "height": HEIGHT, "areas": paths, "points": circles, "shades": SHADES}


# Line colours for up to eight points (Okabe-Ito, readable by colour-blind readers).
LINE_COLOURS = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#000000",
    "#999999",
)


def lines(
    rows: list[tuple[str, str]],
    columns: list[tuple[str, str]],
    cells: list[list[int | None]],
    width: int = 640,
    height: int = 240,
) -> dict[str, Any]:
    """A line per column over the rows (weeks); a withheld value breaks its line and
    is marked with an open circle on the axis (its value is not published)."""
    left, bottom, top_pad = 48, 24, 8
    top = max((v or 0 for row in cells for v in row), default=0) or 1
    step = (width - left - 8) / max(1, len(rows) - 1)

    def y(value: int) -> float:
        return round(height - bottom - (height - bottom - top_pad) * value / top, 1)

    series = []
    for j, (code, label) in enumerate(columns):
        segments: list[list[tuple[float, float]]] = [[]]
        withheld = []
        for i in range(len(rows)):
            value = cells[i][j]
            x = round(left + i * step, 1)
            if value is None:
                withheld.append((x, height - bottom))
                segments.append([])
            else:
                segments[-1].append((x, y(value)))
        series.append(
            {
                "code": code,
                "label": label,
                "colour": LINE_COLOURS[j % len(LINE_COLOURS)],
                "paths": [" ".join(f"{x},{yy}" for x, yy in s) for s in segments if s],
                "withheld": withheld,
            }
        )
    ticks = [{"y": y(v), "label": f"{v:,}"} for v in (0, top // 2, top)]
    labels = [
        {"x": round(left + i * step, 1), "label": code[5:]}
        for i, (code, _l) in enumerate(rows)
        if i % max(1, len(rows) // 6) == 0
    ]
    return {
        "width": width,
        "height": height,
        "series": series,
        "ticks": ticks,
        "labels": labels,
        "left": left,
        "base": height - bottom,
    }


def pyramid_bars(
    rows: list[tuple[str, str]], cells: list[list[int | None]], width: int = 640
) -> dict[str, Any]:
    """Females to the left of the middle, males to the right; a withheld value is a
    hatched bar of no length."""
    middle, bar, gap = width // 2, 28, 6
    widest = max((v or 0 for row in cells for v in row), default=0) or 1
    half = middle - 60
    bars = []
    for i, (band, _label) in enumerate(rows):
        y = 8 + i * (bar + gap)
        female, male = cells[i]
        fw = round(half * (female or 0) / widest, 1)
        mw = round(half * (male or 0) / widest, 1)
        bars.append(
            {
                "band": band,
                "y": y,
                "text_y": y + bar // 2 + 5,
                "female": female,
                "male": male,
                "fx": middle - fw,
                "fw": fw,
                "mw": mw,
            }
        )
    return {
        "width": width,
        "height": 16 + len(rows) * (bar + gap),
        "middle": middle,
        "bar": bar,
        "bars": bars,
    }
