"""Assembling the embedded models from their part packages.

The assembly logic runs against fake part packages written to a temporary
directory (a test double for the real ~1 GB packages: importable modules with
`get_part_path()` and package metadata, exactly the shape of the real ones).
The real installed packages are checked by the slow test at the end.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import json
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from crisp.errors import ModelFileError, ModelNotInstalledError
from crisp.llm import embedded
from crisp.llm.embedded import EMBEDDED_MODELS, EmbeddedModel, embedded_status, ensure_embedded_model


class FakePartPackagesDouble:
    """Test double: N importable part packages (module + dist-info) holding slices of a file."""

    def __init__(self, root: Path, parts: list[bytes], version: str = "1.0.0") -> None:
        self.root = root
        self.tag = uuid.uuid4().hex[:8]
        self.parts = parts
        self.module_prefix = f"fake_part_{self.tag}_"
        self.distribution_prefix = f"fake-part-{self.tag}-"
        for i, data in enumerate(parts, start=1):
            package = root / f"{self.module_prefix}{i}"
            (package / "data").mkdir(parents=True)
            (package / "data" / f"part{i:02d}.bin").write_bytes(data)
            (package / "__init__.py").write_text(
                "import os\n"
                "def get_part_path():\n"
                f"    return os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'part{i:02d}.bin')\n"
            )
            dist_info = root / f"{self.module_prefix}{i}-{version}.dist-info"
            dist_info.mkdir()
            (dist_info / "METADATA").write_text(
                f"Metadata-Version: 2.1\nName: {self.distribution_prefix}{i}\nVersion: {version}\n"
            )

    def model(self, *, sha256: str | None = None, version: str = "1.0.0", name: str | None = None) -> EmbeddedModel:
        return EmbeddedModel(
            name=name or f"fake-{self.tag}",
            description="a fake model for tests",
            file_name=f"fake-{self.tag}.gguf",
            distribution_prefix=self.distribution_prefix,
            module_prefix=self.module_prefix,
            part_count=len(self.parts),
            version=version,
            sha256=sha256 or hashlib.sha256(b"".join(self.parts)).hexdigest(),
            pip_extra="fake-model",
        )

    def data_file(self, i: int) -> Path:
        return self.root / f"{self.module_prefix}{i}" / "data" / f"part{i:02d}.bin"


# A model whose part packages are not installed anywhere.
ABSENT = EmbeddedModel(
    name="absent",
    description="parts never installed",
    file_name="absent.gguf",
    distribution_prefix="crisp-absent-part-",
    module_prefix="crisp_absent_part_",
    part_count=2,
    version="1.0.0",
    sha256="0" * 64,
    pip_extra="absent-model",
)
PARTS = [b"GGUF" + bytes([i]) * (2500 + 700 * i) for i in range(1, 5)]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CRISP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakePartPackagesDouble:
    packages = FakePartPackagesDouble(tmp_path / "site", PARTS)
    monkeypatch.syspath_prepend(str(packages.root))
    importlib.invalidate_caches()
    monkeypatch.setattr(embedded, "COPY_CHUNK_BYTES", 1024)
    return packages


def register(monkeypatch: pytest.MonkeyPatch, model: EmbeddedModel) -> str:
    monkeypatch.setitem(EMBEDDED_MODELS, model.name, model)
    return model.name


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def test_assembles_the_parts_in_order_and_reports_progress(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model())
    seen: list[tuple[int, int]] = []
    path = ensure_embedded_model(name, progress=lambda done, total: seen.append((done, total)))
    assert path == cache_dir / "models" / fake.model().file_name
    assert path.read_bytes() == b"".join(PARTS)
    total = sum(len(p) for p in PARTS)
    assert len(seen) > len(PARTS)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert seen[-1] == (total, total)
    assert leftovers(path.parent) == []


def test_a_verified_file_is_reused_without_reading_the_parts(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model())
    path = ensure_embedded_model(name)
    for i in range(1, len(PARTS) + 1):
        fake.data_file(i).unlink()  # reuse must not need them
    seen: list[tuple[int, int]] = []
    assert ensure_embedded_model(name, progress=lambda *a: seen.append(a)) == path
    assert seen == []  # no re-hash, no copy
    marker = json.loads(path.with_name(path.name + ".verified.json").read_text())
    assert marker["size"] == path.stat().st_size
    assert marker["sha256"] == fake.model().sha256


def test_a_changed_mtime_triggers_a_re_hash_not_a_re_assembly(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model())
    path = ensure_embedded_model(name)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    for i in range(1, len(PARTS) + 1):
        fake.data_file(i).unlink()
    seen: list[tuple[int, int]] = []
    assert ensure_embedded_model(name, progress=lambda *a: seen.append(a)) == path
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)  # hashed the file itself
    assert ensure_embedded_model(name, progress=lambda *a: seen.append(("again", *a))) == path
    assert not any(item[0] == "again" for item in seen)  # marker rewritten: reused again


def test_a_corrupted_file_is_re_assembled(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model())
    path = ensure_embedded_model(name)
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    assert ensure_embedded_model(name) == path
    assert path.read_bytes() == b"".join(PARTS)


def test_a_missing_marker_means_re_verify(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model())
    path = ensure_embedded_model(name)
    path.with_name(path.name + ".verified.json").write_text("not json")
    path.write_bytes(b"GGUF short")  # a different file with no valid marker
    assert ensure_embedded_model(name) == path
    assert path.read_bytes() == b"".join(PARTS)


def test_a_missing_part_names_the_pip_command(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = fake.model()
    name = register(monkeypatch, model)
    (fake.root / f"{fake.module_prefix}3" / "__init__.py").unlink()
    (fake.root / f"{fake.module_prefix}3" / "data" / "part03.bin").unlink()
    (fake.root / f"{fake.module_prefix}3" / "data").rmdir()
    (fake.root / f"{fake.module_prefix}3").rmdir()
    importlib.invalidate_caches()
    with pytest.raises(ModelNotInstalledError) as caught:
        ensure_embedded_model(name)
    message = str(caught.value)
    assert f"missing {fake.distribution_prefix}3" in message
    assert "pip install 'crisp-cr[fake-model]'" in message
    assert "\n" not in message
    assert not (cache_dir / "models" / model.file_name).exists()


def test_a_part_with_the_wrong_version_names_the_pin(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model(version="2.0.0"))
    with pytest.raises(ModelNotInstalledError, match=rf"needs {fake.distribution_prefix}1==2.0.0 but 1.0.0"):
        ensure_embedded_model(name)


def test_a_wrong_hash_is_a_model_file_error_and_leaves_nothing(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = fake.model(sha256="0" * 64)
    name = register(monkeypatch, model)
    with pytest.raises(ModelFileError, match=r"expected 000000000000\.\.\.; reinstall the parts"):
        ensure_embedded_model(name)
    models = cache_dir / "models"
    assert not (models / model.file_name).exists()
    assert leftovers(models) == []


def test_an_unknown_name_lists_the_embedded_models() -> None:
    with pytest.raises(ModelNotInstalledError, match="the embedded models are: default, default:lite"):
        ensure_embedded_model("default:huge")


def test_status_before_and_after_assembly(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = register(monkeypatch, fake.model())
    before = embedded_status(name)
    assert (before.installed, before.assembled, before.missing_parts) == (True, False, [])
    assert before.size_bytes == sum(len(p) for p in PARTS)
    ensure_embedded_model(name)
    after = embedded_status(name)
    assert after.assembled
    assert after.path.stat().st_size == after.size_bytes == sum(len(p) for p in PARTS)


def test_status_of_a_model_whose_parts_are_absent(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    status = embedded_status(register(monkeypatch, ABSENT))
    assert (status.installed, status.assembled, status.size_bytes) == (False, False, None)
    assert status.missing_parts == ["crisp_absent_part_1", "crisp_absent_part_2"]
    assert status.install_command == "pip install 'crisp-cr[absent-model]'"


def test_concurrent_processes_assemble_once_and_agree(
    fake: FakePartPackagesDouble, cache_dir: Path, tmp_path: Path
) -> None:
    model = fake.model()
    script = textwrap.dedent(
        f"""
        import sys, time
        sys.path.insert(0, {str(fake.root)!r})
        from crisp.llm import embedded
        embedded.COPY_CHUNK_BYTES = 512
        model = embedded.EmbeddedModel(**{json.dumps(dataclasses.asdict(model))})
        embedded.EMBEDDED_MODELS[model.name] = model
        calls = []
        def progress(done, total):
            calls.append(done)
            time.sleep(0.01)  # a slow disk: widens the window in which the processes overlap
        path = embedded.ensure_embedded_model(model.name, progress=progress)
        print(path, len(calls))
        """
    )
    env = {**os.environ, "CRISP_CACHE_DIR": str(cache_dir)}
    workers = [
        subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        for _ in range(4)
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()
        path, calls = out.decode().split()
        results.append((path, int(calls)))
    assert len({path for path, _ in results}) == 1
    assert sum(1 for _, calls in results if calls) == 1  # one assembled; the others waited and reused
    final = Path(results[0][0])
    assert final.read_bytes() == b"".join(PARTS)
    assert leftovers(final.parent) == []


# -- the real packages ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("name", ["default", "default:lite"])
def test_the_installed_part_packages_hash_to_the_pinned_digest(name: str) -> None:
    model = EMBEDDED_MODELS[name]
    digest = hashlib.sha256()
    paths = embedded._part_paths(model)
    assert [p.name for p in paths] == [f"part{i:02d}.bin" for i in range(1, model.part_count + 1)]
    for path in paths:
        with path.open("rb") as part:
            while chunk := part.read(16 * 1024 * 1024):
                digest.update(chunk)
    assert digest.hexdigest() == model.sha256
    with paths[0].open("rb") as first:
        assert first.read(4) == b"GGUF"


# -- crisp models list ------------------------------------------------------------------------


def test_models_list_shows_each_named_model_and_the_other_specs(
    fake: FakePartPackagesDouble, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from crisp.llm.commands import app

    ready = fake.model(name="ready")
    waiting = FakePartPackagesDouble(fake.root.parent / "site2", [b"GGUF" + b"x" * 2_000_000]).model(name="waiting")
    monkeypatch.syspath_prepend(str(fake.root.parent / "site2"))
    importlib.invalidate_caches()
    monkeypatch.setattr(embedded, "EMBEDDED_MODELS", {m.name: m for m in (ready, waiting, ABSENT)})
    ensure_embedded_model("ready")

    result = CliRunner().invoke(app, ["list"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "NAME     MODEL                   STATUS                                         SIZE\n"
        "ready    a fake model for tests  ready                                          17 kB\n"
        "waiting  a fake model for tests  installed (assembled on first use)             2 MB\n"
        "absent   parts never installed   missing: pip install 'crisp-cr[absent-model]'  -\n"
        "\n"
        "Other specs: gguf:PATH, hf:NAME_OR_PATH, openai:MODEL, http[s]://HOST:PORT/v1#MODEL\n"
    )
