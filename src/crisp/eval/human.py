"""The human kit: blinded rating sheets from a run folder, and judge-human agreement from the filled sheets.

`export_human(run_dir, out_dir)` reads a pointwise or pairwise run folder and writes:
- `ratings.csv`: one row per session (transcript, six empty 1-5 columns), model names hidden;
- `ab.csv`: one row per pair (context, reply 1, reply 2 in a random order, an empty `preferred`
  column for 1, 2 or tie);
- `form.html`: the same items as a static form that works offline and downloads the filled CSVs;
- `key.json`: what the raters must not see (which model wrote what, the order of each pair, the
  judge's scores). Keep it apart from the sheets.

`import_human(key, ratings, ab)` reads the filled sheets back and reports, per dimension, Spearman's
rho and quadratic weighted kappa between people and the judge, and for A/B the share of pairs where
the person and the judge agree (and Cohen's kappa over a/b/tie).
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path
from typing import Any

from crisp.errors import InputError
from crisp.eval import stats
from crisp.eval.pointwise import DIMENSIONS
from crisp.eval.sessions import render_transcript

SHUFFLE_SEED = 17
_FORM = """<!doctype html><html><head><meta charset="utf-8"><title>Crisp rating sheet</title>
<style>body{{font-family:sans-serif;max-width:860px;margin:auto}}pre{{white-space:pre-wrap;background:#f5f5f5;padding:8px}}
fieldset{{margin:12px 0}}</style></head><body><h1>Crisp rating sheet</h1>
<p>Rate each supporter 1 (worst) to 5 (best) on every dimension; for each pair choose the better reply or tie.
Nothing leaves this page: press "Download" to save your answers as CSV files and send them to the study team.</p>
<div id="items"></div><button onclick="download()">Download</button>
<script type="application/json" id="data">{data}</script>
<script>
const data = JSON.parse(document.getElementById('data').textContent);
const dims = data.dimensions, root = document.getElementById('items');
function el(tag, text) {{ const e = document.createElement(tag); if (text) e.textContent = text; return e; }}
for (const r of data.ratings) {{
  const f = el('fieldset'); f.appendChild(el('legend', 'Conversation ' + r.item)); f.appendChild(el('pre', r.transcript));
  for (const d of dims) {{ const l = el('label', d + ' '); const s = el('select'); s.id = r.item + ':' + d;
    for (const v of ['', '1', '2', '3', '4', '5']) {{ const o = el('option', v); o.value = v; s.appendChild(o); }}
    l.appendChild(s); f.appendChild(l); f.appendChild(el('br')); }}
  root.appendChild(f); }}
for (const p of data.ab) {{
  const f = el('fieldset'); f.appendChild(el('legend', 'Pair ' + p.item)); f.appendChild(el('pre', p.context));
  f.appendChild(el('p', 'Reply 1: ' + p.reply_1)); f.appendChild(el('p', 'Reply 2: ' + p.reply_2));
  const s = el('select'); s.id = p.item + ':preferred';
  for (const v of ['', '1', '2', 'tie']) {{ const o = el('option', v); o.value = v; s.appendChild(o); }}
  f.appendChild(s); root.appendChild(f); }}
function csv(rows) {{ return rows.map(r => r.map(v => '"' + String(v).replaceAll('"', '""') + '"').join(',')).join('\\n'); }}
function save(name, text) {{ const a = el('a'); a.href = URL.createObjectURL(new Blob([text], {{type: 'text/csv'}}));
  a.download = name; a.click(); }}
function download() {{
  if (data.ratings.length) save('ratings.csv', csv([['item', ...dims], ...data.ratings.map(r =>
    [r.item, ...dims.map(d => document.getElementById(r.item + ':' + d).value)])]));
  if (data.ab.length) save('ab.csv', csv([['item', 'preferred'], ...data.ab.map(p =>
    [p.item, document.getElementById(p.item + ':preferred').value])]));
}}
</script></body></html>
"""


def _rows(run_dir: Path) -> list[dict[str, Any]]:
    path = run_dir / "rows.jsonl"
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError:
        raise InputError(f"--run {run_dir}: no rows.jsonl there; give a pointwise or pairwise run folder") from None


def export_human(run_dir: str | Path, out_dir: str | Path) -> dict[str, int]:
    run, out = Path(run_dir), Path(out_dir)
    rows = _rows(run)
    sessions = [r for r in rows if r.get("kind") == "session"]
    pairs = [r for r in rows if "outcome" in r]
    if not sessions and not pairs:
        raise InputError(f"--run {run} holds no rated sessions or judged pairs; nothing to export")
    rng = random.Random(SHUFFLE_SEED)
    rng.shuffle(sessions)
    rng.shuffle(pairs)
    key: dict[str, Any] = {"run": str(run.resolve()), "dimensions": list(DIMENSIONS), "ratings": {}, "ab": {}}
    ratings, ab = [], []
    for n, r in enumerate(sessions, 1):
        item = f"R{n:04d}"
        judges = list(r["ratings"].values())
        key["ratings"][item] = {"row": r["key"], "model": r["model"], "lang": r["lang"],
                                "judge": {d: sum(j[d] for j in judges) / len(judges) for d in DIMENSIONS}}
        ratings.append({"item": item, "transcript": render_transcript(r["transcript"], r["lang"])})
    for n, r in enumerate(pairs, 1):
        item = f"P{n:04d}"
        a_first = rng.random() < 0.5
        key["ab"][item] = {"row": r["key"], "a_first": a_first, "judge": r["outcome"]}
        first, second = (r["reply_a"], r["reply_b"]) if a_first else (r["reply_b"], r["reply_a"])
        ab.append({"item": item, "context": r.get("context", ""), "reply_1": first, "reply_2": second})
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "ratings.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["item", "transcript", *DIMENSIONS])
        writer.writerows([[r["item"], r["transcript"], *([""] * len(DIMENSIONS))] for r in ratings])
    with open(out / "ab.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["item", "context", "reply_1", "reply_2", "preferred"])
        writer.writerows([[p["item"], p["context"], p["reply_1"], p["reply_2"], ""] for p in ab])
    data = json.dumps({"dimensions": list(DIMENSIONS), "ratings": ratings, "ab": ab}, ensure_ascii=False)
    (out / "form.html").write_text(_FORM.format(data=data.replace("</", "<\\/")), encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"ratings": len(ratings), "ab": len(ab)}


def _read_csv(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
    except OSError as error:
        raise InputError(f"{path}: cannot read it ({error.strerror}); give the filled CSV") from None


def import_human(key_path: str | Path, ratings_path: str | Path | None, ab_path: str | Path | None) -> dict[str, Any]:
    try:
        key = json.loads(Path(key_path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        raise InputError(f"--key {key_path}: not a key.json written by `crisp eval export-human`") from None
    report: dict[str, Any] = {"task": "human_agreement", "run": key.get("run"), "dimensions": {}, "ab": None}
    if ratings_path:
        human: dict[str, list[int]] = {d: [] for d in DIMENSIONS}
        judge: dict[str, list[float]] = {d: [] for d in DIMENSIONS}
        for number, row in enumerate(_read_csv(Path(ratings_path)), 2):
            item = row.get("item", "")
            if item not in key["ratings"]:
                raise InputError(f"{ratings_path}:{number}: unknown item {item!r}; use the sheet this key came with")
            for d in DIMENSIONS:
                value = (row.get(d) or "").strip()
                if not value:
                    continue
                if value not in {"1", "2", "3", "4", "5"}:
                    raise InputError(f"{ratings_path}:{number}: {d} is {value!r}; ratings are whole numbers 1 to 5")
                human[d].append(int(value))
                judge[d].append(key["ratings"][item]["judge"][d])
        for d in DIMENSIONS:
            rounded = [min(5, max(1, int(x + 0.5))) for x in judge[d]]
            report["dimensions"][d] = {"n": len(human[d]), "spearman": stats.spearman(human[d], judge[d]),
                                       "weighted_kappa": stats.weighted_kappa(human[d], rounded)}
    if ab_path:
        people, judged = [], []
        for number, row in enumerate(_read_csv(Path(ab_path)), 2):
            item, preferred = row.get("item", ""), (row.get("preferred") or "").strip().lower()
            if item not in key["ab"]:
                raise InputError(f"{ab_path}:{number}: unknown item {item!r}; use the sheet this key came with")
            if not preferred:
                continue
            if preferred not in {"1", "2", "tie"}:
                raise InputError(f"{ab_path}:{number}: preferred is {preferred!r}; write 1, 2 or tie")
            a_first = key["ab"][item]["a_first"]
            people.append("tie" if preferred == "tie" else ("a" if (preferred == "1") == a_first else "b"))
            judged.append(key["ab"][item]["judge"])
        codes = {"b": 1, "tie": 2, "a": 3}
        report["ab"] = {"n": len(people), "agreement": (sum(p == j for p, j in zip(people, judged)) / len(people))
                        if people else None,
                        "weighted_kappa": stats.weighted_kappa([codes[p] for p in people], [codes[j] for j in judged],
                                                      categories=(1, 2, 3), weights="linear") if people else None}
    return report


def human_markdown(report: dict[str, Any]) -> str:
    def num(x: Any) -> str:
        return "-" if x is None else f"{x:.2f}"

    lines = ["# Judge-human agreement", "", f"Run: {report['run']}", ""]
    if report["dimensions"]:
        lines += ["| dimension | n | Spearman rho | weighted kappa |", "|---|---|---|---|"]
        lines += [f"| {d} | {v['n']} | {num(v['spearman'])} | {num(v['weighted_kappa'])} |"
                  for d, v in report["dimensions"].items()]
    if report["ab"]:
        lines += ["", f"A/B: {report['ab']['n']} pairs, agreement {num(report['ab']['agreement'])}, "
                  f"weighted kappa (b < tie < a) {num(report['ab']['weighted_kappa'])}"]
    return "\n".join(lines) + "\n"
