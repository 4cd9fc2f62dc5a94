#!/usr/bin/env python3
"""Folds `perf script` call stacks into flame-graph lines (`root;…;leaf count`), the input
format flame-graph renderers take, and prints the hottest leaf and inclusive frames.

    perf script -i perf.data | scripts/bench/perf-fold.py docs/perf/public-api-hold.folded [--top 25]

Frames are demangled with swift-demangle when it is on PATH (--simplified), so the report
reads as Swift; offsets and addresses are dropped, so one function is one frame.
"""
import collections
import re
import shutil
import subprocess
import sys

FRAME = re.compile(r"^\s+[0-9a-f]+\s+(.+?)\s+\((.*)\)\s*$")


def stacks(lines):
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        match = FRAME.match(line)
        if match:
            symbol = re.sub(r"\+0x[0-9a-f]+$", "", match.group(1))
            if symbol == "[unknown]":
                symbol = "[" + match.group(2).rsplit("/", 1)[-1] + "]"
            stack.append(symbol)
    if stack:
        yield stack


def demangler(symbols):
    tool = shutil.which("swift-demangle")
    if not tool:
        return {s: s for s in symbols}
    ordered = sorted(symbols)
    out = subprocess.run([tool, "--simplified", "--compact"], input="\n".join(ordered), text=True,
                         capture_output=True).stdout.splitlines()
    return dict(zip(ordered, out)) if len(out) == len(ordered) else {s: s for s in symbols}


def main():
    target = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    all_stacks = list(stacks(sys.stdin))
    names = demangler({frame for stack in all_stacks for frame in stack})
    folded = collections.Counter()
    leaf = collections.Counter()
    inclusive = collections.Counter()
    for stack in all_stacks:
        frames = [names[f].replace(";", ",") for f in reversed(stack)]
        folded[";".join(frames)] += 1
        leaf[frames[-1]] += 1
        for frame in set(frames):
            inclusive[frame] += 1
    with open(target, "w") as out:
        for line, count in folded.most_common():
            out.write(f"{line} {count}\n")
    total = max(1, len(all_stacks))
    print(f"{total} samples; folded stacks in {target}")
    print(f"top {top} leaf (self) frames:")
    for frame, count in leaf.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {frame[:150]}")
    print(f"top {top} inclusive frames:")
    for frame, count in inclusive.most_common(top):
        print(f"  {100 * count / total:5.1f}%  {frame[:150]}")


if __name__ == "__main__":
    main()
