"""`kst themes suggest`: grow the theme taxonomy from a corpus. A thin command over
pipeline.review.themes_suggest."""

import json
from pathlib import Path
from typing import Optional

import typer

from .app import CONFIGS_OPTION, MODEL_OPTION, app, msg, output_file, read_records

themes_app = typer.Typer(help="The policy theme taxonomy: candidates for new terms from a corpus.",
                         no_args_is_help=True)
app.add_typer(themes_app, name="themes")


@themes_app.command("suggest")
def suggest_cmd(
    run: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="RUN", help="An annotated run (JSONL records)."),
    top: int = typer.Option(10, "--top", min=1, metavar="N", help="Candidates of each kind shown per theme."),
    patch: Optional[Path] = typer.Option(None, "--patch", callback=output_file, metavar="FILE",
                                         help="Write the candidates as a proposed edit of configs/policy_theme/taxonomy.yml (not applied)."),
    json_out: Optional[Path] = typer.Option(None, "--json", callback=output_file, metavar="FILE", help="Also write the candidates as JSON here."),
    configs: Path = CONFIGS_OPTION,
    model: Path = MODEL_OPTION,
):
    """List candidate terms for each theme: words sharing a stem with its terms and words that
    co-occur with them in sentences, not in the taxonomy yet, with counts and an example.

    Example: kst annotate ../my-docs --out outputs/my.jsonl && kst themes suggest outputs/my.jsonl --top 5 --patch outputs/themes.patch
    """
    from .app import _pipeline
    from ..review.exchange.common import write_json_atomic_text
    from ..review.themes_suggest import proposed_patch, suggest

    records = read_records(run)
    nlp = _pipeline(configs, model)
    tagger = nlp.get_pipe("kst_policy_theme")
    table = nlp.get_pipe("lemmatizer").table
    settings = tagger.data["taxonomy"].get("suggest") or {}

    def lemma_of(word: str) -> str:
        value = table.get(word, word)
        return value if isinstance(value, str) else value[0]

    from spacy.lang.nl.stop_words import STOP_WORDS

    result = suggest(records, tagger.matcher, lemma_of, top=top, min_count=int(settings.get("min_count", 2)),
                     min_documents=int(settings.get("min_documents", 2)),
                     min_length=int(settings.get("min_length", 6)),
                     prefixes=tuple(str(p).lower() for p in settings.get("prefixes") or ()),
                     stopwords=frozenset(STOP_WORDS) | {str(w).lower() for w in settings.get("stopwords") or []})
    for theme, candidates in result.items():
        print(f"{theme}:")
        if not candidates:
            print("  (no candidates)")
        for c in candidates:
            extra = f" [stem {c.anchor}]" if c.kind == "stem" else f" [score {c.score:.1f}]"
            print(f"  {c.kind:<12} {c.word:<32} {c.count:>4}x{extra}  {c.doc_id}: {c.example[:110]}")
    if json_out:
        data = {theme: [c.as_dict() for c in cs] for theme, cs in result.items()}
        write_json_atomic_text(json_out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if patch:
        write_json_atomic_text(patch, proposed_patch(result, configs))
        msg.good(f"Wrote {patch}", f"Not applied: read it, delete what does not name the theme, then `git apply {patch}`, "
                                   "`kst build`, `kst evaluate`.")
