#!/usr/bin/env python3
"""Markdown summary of `tpsctl plan --output json` for $GITHUB_STEP_SUMMARY: per region the
count of each action kind, then every resource that changes with its marker."""
import json
import sys

SYMBOL = {"create": "+", "update": "~", "replace": "-/+", "delete": "-"}
KINDS = ["create", "update", "replace", "delete", "noop"]


def main(path: str) -> int:
    try:
        with open(path, encoding="utf-8") as handle:
            plan = json.load(handle)
    except (OSError, ValueError) as error:
        print(f"plan-summary: {path}: {error}", file=sys.stderr)
        return 1
    lines = ["## tpsctl plan", "", "| region | " + " | ".join(KINDS) + " |", "|---" * (len(KINDS) + 1) + "|"]
    for region in plan.get("regions", []):
        counts = region.get("summary", {})
        lines.append(f"| {region['region']} | " + " | ".join(str(counts.get(k, 0)) for k in KINDS) + " |")
    lines.append("")
    changed = [(r["region"], a) for r in plan.get("regions", []) for a in r.get("actions", []) if a.get("action") != "noop"]
    if not changed:
        lines.append("No changes: the stack matches its file.")
    else:
        lines.append("```diff")
        for _, action in changed:
            lines.append(f"{SYMBOL.get(action['action'], '?')} {action['address']}")
        lines.append("```")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "infra/out/ci/plan.json"))
