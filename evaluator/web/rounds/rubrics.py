"""Rubrics uploaded as files: checked with `load_rubric`'s located problems, kept in the database, and
loaded again for the rounds that use them.

A rubric is a .yaml file, or a .zip of a rubric folder (the rubric file and the indicator and ladder files
it names, in that folder or below it). The files are written under a temporary folder of our own, never
at a name from the upload as it stands (`unpack` vets every name), and the loader refuses a rubric that
names files outside its folder.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tempfile
from pathlib import Path

from evaluator.i18n import LANGS, t
from evaluator.bundled import bundled_rubrics, rubric_path
from evaluator.problems import NO_HINT, Location, Problem, list_separator
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.web.rounds.models import RubricUpload
from evaluator.web.uploads import Upload, UploadRefused, is_zip, read_upload, unpack

MAX_RUBRIC = 10 * 2**20
_RUBRIC_KEY = re.compile(rb"^indicator_files\s*:", re.MULTILINE)


def check_upload(file, user) -> RubricUpload:
    """Check an uploaded rubric and keep it with its problems (a refused file is kept too, as evidence)."""
    try:
        upload = read_upload(file, MAX_RUBRIC)
    except UploadRefused as refused:
        return _keep(Upload(getattr(refused.problems[0].location, "file", "upload"), b""), user, None, refused.problems)
    try:
        loaded = _load(upload)
    except UploadRefused as refused:
        return _keep(upload, user, None, refused.problems)
    return _keep(upload, user, loaded, loaded.problems)


def _keep(upload: Upload, user, loaded: LoadedRubric | None, problems: list[Problem]) -> RubricUpload:
    rubric = loaded.rubric if loaded else None
    return RubricUpload.objects.create(
        file_name=upload.name, sha256=hashlib.sha256(upload.data).hexdigest(), data=upload.data,
        rubric_id=rubric.id if rubric else "", rubric_version=rubric.version if rubric else "",
        rubric_sha256=(loaded.sha256 or "") if loaded else "", ok=bool(loaded and loaded.ok),
        problems=[p.model_dump(mode="json") for p in problems], uploaded_by=user)


def _load(upload: Upload) -> LoadedRubric:
    """Write the rubric's files under a fresh folder and load it there; problems name the upload."""
    files = _files(upload)
    with tempfile.TemporaryDirectory(prefix="evaluator-rubric-") as folder:
        root = Path(folder)
        for item in files:
            target = root / item.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(item.data)
        main = _main_file(upload, files)
        loaded = load_rubric(root / main)      # refuses files outside the rubric's folder (R051)
        return _relabel(loaded, root, upload.name if is_zip(upload.data) else "")


def _files(upload: Upload) -> list[Upload]:
    if is_zip(upload.data):
        return [f for f in unpack(upload, max_entries=500, max_total=50 * 2**20) if f.name.endswith((".yaml", ".yml"))]
    if upload.name.lower().endswith((".yaml", ".yml")) and b"\x00" not in upload.data[:4096]:
        return [Upload(upload.name, upload.data)]
    found = upload.name.rsplit(".", 1)[-1] if "." in upload.name else upload.name
    raise UploadRefused(Problem(code="W001", location=Location(file=upload.name), params={"found": found}))


def _main_file(upload: Upload, files: list[Upload]) -> str:
    if not is_zip(upload.data):
        return upload.name
    mains = [f.name for f in files if _RUBRIC_KEY.search(f.data)]
    if len(mains) != 1:
        hint = {lang: t(lang, ": {files}", files=list_separator(lang).join(mains)) for lang in LANGS} if mains else dict(NO_HINT)
        raise UploadRefused(Problem(code="W003", location=Location(file=upload.name),
                                    params={"found": len(mains), "hint": hint}))
    return mains[0]


def _relabel(loaded: LoadedRubric, root: Path, archive: str) -> LoadedRubric:
    """Problems name `archive/rubrics/x.yaml` (or the uploaded file), never the temporary folder."""
    prefix = str(root.resolve())

    def shown(file: str) -> str:
        if file.startswith(prefix):
            inner = file[len(prefix):].lstrip("/")
            return f"{archive}/{inner}" if archive else inner
        return file

    problems = [p.model_copy(update={"location": p.location.model_copy(update={"file": shown(p.location.file)})})
                for p in loaded.problems]
    return LoadedRubric(path=loaded.path, rubric=loaded.rubric, problems=problems, sha256=loaded.sha256)


def rubric_choices() -> list[tuple[str, str]]:
    """(id, version) of the bundled rubrics and of uploads without errors."""
    found = {(r.id, r.version) for r in (bundled(name).rubric for name in bundled_rubrics()) if r is not None}
    found |= set(RubricUpload.objects.filter(ok=True).values_list("rubric_id", "rubric_version"))
    return sorted(found)


@functools.lru_cache(maxsize=4)
def bundled(name: str) -> LoadedRubric:
    return load_rubric(rubric_path(name))


@functools.lru_cache(maxsize=8)
def _uploaded(upload_id: int, sha256: str) -> LoadedRubric:
    data = bytes(RubricUpload.objects.values_list("data", flat=True).get(pk=upload_id))
    name = RubricUpload.objects.values_list("file_name", flat=True).get(pk=upload_id)
    return _load(Upload(name, data))


def rubric_for(rubric_id: str, version: str) -> LoadedRubric | None:
    """The rubric a round names: bundled, else the latest upload without errors; None when a round names
    none (forms are then read against the bundled rubric their `_meta` names)."""
    if not rubric_id:
        return None
    if rubric_id in bundled_rubrics():
        loaded = bundled(rubric_id)
        if loaded.rubric is not None and (not version or loaded.rubric.version == version):
            return loaded
    upload = (RubricUpload.objects.filter(ok=True, rubric_id=rubric_id, rubric_version=version)
              .order_by("-uploaded_at").values_list("pk", "sha256").first())
    return _uploaded(*upload) if upload else None
