"""`crisp schema` and `crisp taxonomy`."""

from __future__ import annotations

import json
from enum import Enum

import typer

from crisp.cr.taxonomy import Lang


def schema() -> None:
    """Print the JSON Schema of a Crisp record."""
    from crisp.cr.schema import record_json_schema

    typer.echo(json.dumps(record_json_schema(), indent=2, ensure_ascii=False))


def taxonomy(
    lang: Lang = typer.Option(Lang.EN, "--lang", help="Language of names and definitions."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (both languages) instead of text."),
) -> None:
    """Print the distortions, strategies (by category), stages and sub-steps."""
    from crisp.cr import taxonomy as tx

    sections: list[tuple[str, type[Enum]]] = [
        ("distortions", tx.Distortion),
        ("strategy_categories", tx.StrategyCategory),
        ("strategies", tx.Strategy),
        ("stages", tx.Stage),
        ("substeps", tx.SubStep),
        ("situation_categories", tx.SituationCategory),
    ]
    if as_json:
        payload = {
            name: [
                {"id": item.value, **_term_json(tx.term(item)), **_links(item)}  # type: ignore[arg-type]
                for item in kind
            ]
            for name, kind in sections
        }
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    for name, kind in sections:
        typer.echo(f"{name.replace('_', ' ').title()} ({len(kind)})")
        for item in kind:
            t = tx.term(item)  # type: ignore[arg-type]
            extra = ""
            if isinstance(item, tx.Strategy):
                extra = f"  [{tx.term(item.category).name(lang)}]"
            elif isinstance(item, tx.SubStep):
                extra = f"  [{tx.term(item.stage).name(lang)}]"
            typer.echo(f"  {item.value:<30} {t.name(lang)}{extra}")
            typer.echo(f"      {t.definition(lang)}")
        typer.echo("")


def _term_json(term: object) -> dict[str, str]:
    fields = ("name_en", "name_zh", "definition_en", "definition_zh", "example_en", "example_zh")
    return {f: getattr(term, f) for f in fields}


def _links(item: Enum) -> dict[str, str]:
    from crisp.cr.taxonomy import Strategy, SubStep

    if isinstance(item, Strategy):
        return {"category": item.category.value}
    if isinstance(item, SubStep):
        return {"stage": item.stage.value}
    return {}
