"""``autodsl train-extractor``: train the offline extractor's model folder from BRAT gold."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from autodsl.cli.app import EXIT_OK, app, print_json
from autodsl.errors import InputFileError

if TYPE_CHECKING:
    from autodsl.extract.train import TrainSettings

__all__ = ["train_extractor_command"]

# Unlabeled text for the word clusters of the shipped model (relative to the current folder,
# else to the repository root); paths that do not exist are skipped with a note. No WLP text:
# dev is for model selection only, and the held-out test protocols are WLP protocols.
DEFAULT_UNLABELED = ("corpora/protocol-exchange", "corpora/materials/data")


@app.command("train-extractor")
def train_extractor_command(
    train_dir: Path = typer.Argument(..., metavar="TRAIN_DIR", help="Folder of BRAT protocols (.txt with .ann)."),
    output: Path = typer.Option(..., "--output", "-o", metavar="PATH", help="Model folder to write."),
    seed: int = typer.Option(0, "--seed", help="Seed of every random step; same seed, same bytes."),
    dev: Path | None = typer.Option(None, "--dev", help="BRAT folder to score the new model on afterwards."),
    unlabeled: list[Path] = typer.Option(
        [Path(p) for p in DEFAULT_UNLABELED], "--unlabeled",
        help="Files or folders of unlabeled protocols for the word clusters (repeat the option).",
    ),
    settings_path: Path | None = typer.Option(
        None, "--settings", help="JSON file of training settings (c1, c2, max_iterations, ...) to override."
    ),
    json_out: bool = typer.Option(False, "--json", help="Print the model's settings (and dev scores) as JSON."),
) -> int:
    """Train the CRF tagger and the role linker on TRAIN_DIR and write them to PATH.

    Takes a few minutes on two cores. Exit code 2 when TRAIN_DIR holds no annotated protocols.

    Example: autodsl train-extractor corpora/wlp/train -o model/ --seed 0 --dev corpora/wlp/dev
    """
    from autodsl.extract.train import TrainSettings, train_extractor

    if not train_dir.is_dir():
        raise InputFileError(str(train_dir), "no such folder")
    settings = _read_settings(settings_path, TrainSettings) if settings_path else TrainSettings()
    from autodsl.io import check_writable_dir

    check_writable_dir(output)  # fail before minutes of training, not after
    sources = []
    repository = Path(__file__).resolve().parents[3]
    for path in unlabeled:
        if path.exists():
            sources.append(path)
        elif not path.is_absolute() and (repository / path).exists():
            sources.append(repository / path)
        else:
            print(f"autodsl: note: unlabeled text {path} not found, skipped", file=sys.stderr)
    started = time.monotonic()
    show = sys.stderr.isatty() and not json_out
    if show:
        from rich.console import Console

        console = Console(stderr=True)
        with console.status("training") as status:
            meta = train_extractor(train_dir, output, seed=seed, unlabeled=sources, settings=settings,
                                   progress=lambda msg: status.update(msg))
    else:
        meta = train_extractor(train_dir, output, seed=seed, unlabeled=sources, settings=settings)
    result: dict[str, object] = {"model": str(output), "seconds": round(time.monotonic() - started, 1), **meta}
    if dev is not None:
        from autodsl.evaluate.extract import evaluate_extractor

        report = evaluate_extractor(dev, output).report()
        result["dev"] = {k: report[k] for k in ("actions", "entities_micro", "all_spans_micro", "roles_micro")}
    if json_out:
        print_json(result)
    else:
        print(f"wrote {output} ({meta['training_protocols']} protocols, "
              f"{meta['training_sentences']} sentences) in {result['seconds']} s")
        if "dev" in result:
            for name, m in result["dev"].items():  # type: ignore[union-attr]
                e, o = m["exact"], m["overlap"]
                print(f"  dev {name}: F1 {e['f1']:.3f} exact, {o['f1']:.3f} overlap")
    return EXIT_OK


def _read_settings(path: Path, model: type[TrainSettings]) -> TrainSettings:
    """Training settings from a JSON object; unknown keys or bad values are input errors."""
    import json

    from pydantic import ValidationError

    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except OSError as err:
        raise InputFileError(str(path), err.strerror or str(err)) from None
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "settings"
        raise InputFileError(str(path), f"bad training setting {where}: {first['msg']}") from None
    except ValueError as err:
        raise InputFileError(str(path), f"not JSON: {err}") from None
