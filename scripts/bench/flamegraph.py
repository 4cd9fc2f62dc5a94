#!/usr/bin/env python3
"""Renders folded stacks (`root;…;leaf count`, as scripts/bench/perf-fold.py writes them) as a
flame graph in one self-contained SVG: the root at the bottom, each frame as wide as its share
of the samples, hover for the full name and share. Frames narrower than --min-width pixels are
left out (with their callees), so the file stays small enough to keep in docs/perf/.

    scripts/bench/flamegraph.py docs/perf/public-api-hold-409.folded docs/perf/public-api-hold-409.svg \
        [--title TEXT] [--width 1200] [--min-width 3]
"""
from __future__ import annotations

import argparse
import hashlib
import html
import sys

ROW = 16
FONT = 11
CHAR = 6.2   # average glyph width of FONT px monospace, to fit names into frames


class Frame:
    __slots__ = ("name", "count", "children")

    def __init__(self, name: str) -> None:
        self.name = name
        self.count = 0
        self.children: dict[str, Frame] = {}


def parse(lines) -> Frame:
    root = Frame("all")
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line:
            continue
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            raise SystemExit(f"flamegraph: line {number}: expected 'frame;frame;… COUNT', got {line[:80]!r}")
        samples = int(count)
        root.count += samples
        node = root
        for name in stack.split(";"):
            node = node.children.setdefault(name, Frame(name))
            node.count += samples
    return root


def colour(name: str) -> str:
    digest = hashlib.md5(name.encode()).digest()
    return f"rgb({205 + digest[0] % 50},{80 + digest[1] % 130},{40 + digest[2] % 40})"


def render(root: Frame, title: str, width: float, min_width: float) -> str:
    scale = (width - 20) / max(1, root.count)
    rects: list[str] = []
    depth_max = 0

    def place(node: Frame, x: float, depth: int) -> None:
        nonlocal depth_max
        w = node.count * scale
        if w < min_width:
            return
        depth_max = max(depth_max, depth)
        rects.append((x, depth, w, node))  # type: ignore[arg-type]
        child_x = x
        for child in sorted(node.children.values(), key=lambda c: c.name):
            place(child, child_x, depth + 1)
            child_x += child.count * scale

    place(root, 10.0, 0)
    height = (depth_max + 1) * ROW + 50
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
           f'font-family="monospace" font-size="{FONT}">',
           f'<rect width="100%" height="100%" fill="#fdfdf6"/>',
           f'<text x="{width / 2:.0f}" y="20" text-anchor="middle" font-size="14">{html.escape(title)}</text>']
    for x, depth, w, node in rects:  # type: ignore[misc]
        y = height - 10 - (depth + 1) * ROW
        share = 100 * node.count / max(1, root.count)
        label = html.escape(f"{node.name} ({node.count} samples, {share:.1f}%)")
        fits = int((w - 4) / CHAR)
        text = node.name if len(node.name) <= fits else (node.name[: fits - 2] + ".." if fits > 3 else "")
        out.append(f'<g><title>{label}</title><rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{ROW - 1}" '
                   f'fill="{colour(node.name)}" rx="1"/>'
                   + (f'<text x="{x + 2:.1f}" y="{y + ROW - 4}">{html.escape(text)}</text>' if text else "") + "</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folded")
    parser.add_argument("svg")
    parser.add_argument("--title", default="")
    parser.add_argument("--width", type=float, default=1200)
    parser.add_argument("--min-width", type=float, default=3)
    args = parser.parse_args()
    try:
        with open(args.folded) as source:
            root = parse(source)
    except OSError as error:
        raise SystemExit(f"flamegraph: {args.folded}: {error.strerror}")
    if root.count == 0:
        raise SystemExit(f"flamegraph: {args.folded}: no samples")
    with open(args.svg, "w") as target:
        target.write(render(root, args.title or args.folded, args.width, args.min_width))
    print(f"{root.count} samples → {args.svg}", file=sys.stderr)


if __name__ == "__main__":
    main()
