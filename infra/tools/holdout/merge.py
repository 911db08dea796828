#!/usr/bin/env python3
"""Copies content/ to OUT and makes a holdout set of wrong solutions each exercise's learner-bug bank there (in place of
the authors' bank, so the report's figures are the holdout's alone): the content report judges them against the hidden
tests like bank entries. The repository's content is not touched.

usage: merge.py CONTENT HOLDOUT OUT
HOLDOUT holds manifest.json ([{"slug", "file", "class", "why", "witness": {"args": [...]}}]) and <slug>/<file>.
"""
import json
import shutil
import sys
from pathlib import Path

import yaml


class NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data):
        return True


def main(content: Path, holdout: Path, out: Path) -> int:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(content, out)
    entries = json.loads((holdout / "manifest.json").read_text(encoding="utf-8"))
    by_slug = {}
    for e in entries:
        by_slug.setdefault(e["slug"], []).append(e)
    for folder in (out / "exercises").iterdir():
        # Exercises without holdout entries keep no bank either: the report counts the holdout only.
        if folder.name not in by_slug and (folder / "exercise.yaml").is_file():
            spec_file = folder / "exercise.yaml"
            spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
            if spec.pop("bank", None) is not None:
                shutil.rmtree(folder / "bank", ignore_errors=True)
                spec_file.write_text(yaml.dump(spec, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    for slug, items in sorted(by_slug.items()):
        folder = out / "exercises" / slug
        if not folder.is_dir():
            print(f"holdout: no exercise {slug}", file=sys.stderr)
            return 2
        spec_file = folder / "exercise.yaml"
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8"))
        bank = spec["bank"] = []
        shutil.rmtree(folder / "bank", ignore_errors=True)
        (folder / "bank").mkdir()
        for e in items:
            name = "holdout-" + Path(e["file"]).stem
            shutil.copy(holdout / slug / e["file"], folder / "bank" / (name + ".py"))
            bank.append({"file": f"bank/{name}.py", "class": e["class"], "why": e["why"], "witness": e["witness"]})
        spec_file.write_text(yaml.dump(spec, Dumper=NoAliases, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    print(f"holdout: {len(entries)} entries on {len(by_slug)} exercises merged into {out}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])))
