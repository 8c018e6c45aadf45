"""Training and evaluation data for classifiers: texts with labels from a field or a labels file.

Labels come either from a metadata field of the documents (``doc_type`` for the generated
corpus's ground truth) or from a labels JSONL file keyed by document id (what
``curate influence label`` writes); documents without a label are left out and counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from curate.classify.base import ClassifierError
from curate.io import iter_documents


@dataclass
class LabelledData:
    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] | None = None
    ids: list[str] = field(default_factory=list)
    references: list[str | None] | None = None  # a second labelling (reference_field), None where absent
    unlabelled: int = 0


def read_labels_file(path: str | Path, label_key: str = "label") -> dict[str, str]:
    """``{id: label}`` from a JSONL file; a bad line is a one-line error naming file and line."""
    labels: dict[str, str] = {}
    path = Path(path)
    if not path.is_file():
        raise ClassifierError(f"{path}: labels file not found")
    with open(path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                labels[str(record["id"])] = str(record[label_key])
            except (json.JSONDecodeError, KeyError, TypeError) as err:
                raise ClassifierError(f"{path}:{line_no}: expected a JSON object with 'id' and {label_key!r} ({err})") from None
    return labels


def group_fields(group_field: str) -> list[str]:
    """The fields of a ``--group-field`` value: one name, or a comma list (``procedure,entity,style``)."""
    return [f.strip() for f in group_field.split(",") if f.strip()]


def document_group(metadata: dict, fields: Sequence[str]) -> str:
    """A document's group for held-out splits: ``metadata[field]`` for one field; for several, the
    first of them the document has, named by its field, so whole procedures and entities are held
    out and documents with neither fall back to style."""
    if len(fields) == 1:
        return str(metadata.get(fields[0], "-"))
    for f in fields:
        if metadata.get(f) is not None:
            return f"{f}:{metadata[f]}"
    return "-"


def labelled_corpus(
    inputs: str | Path | Sequence[str | Path],
    *,
    label_field: str = "doc_type",
    labels_file: str | Path | None = None,
    group_field: str | None = None,
    reference_field: str | None = None,
    text_key: str = "text",
    id_key: str = "id",
    limit: int | None = None,
) -> LabelledData:
    """Texts and labels of the labelled documents of ``inputs`` (and group keys for group splits,
    and the ``reference_field`` of each, e.g. ground truth next to influence labels)."""
    by_id = read_labels_file(labels_file) if labels_file else None
    data = LabelledData(groups=[] if group_field else None, references=[] if reference_field else None)
    fields = group_fields(group_field) if group_field else []
    for doc in iter_documents(inputs, text_key=text_key, id_key=id_key, limit=limit):
        label = by_id.get(doc.id) if by_id is not None else doc.metadata.get(label_field)
        if label is None:
            data.unlabelled += 1
            continue
        data.texts.append(doc.text)
        data.labels.append(str(label))
        data.ids.append(doc.id)
        if data.groups is not None:
            data.groups.append(document_group(doc.metadata, fields))
        if data.references is not None:
            ref = doc.metadata.get(reference_field)
            data.references.append(None if ref is None else str(ref))
    if not data.texts:
        source = f"labels file {labels_file}" if labels_file else f"metadata field {label_field!r}"
        raise ClassifierError(f"no labelled documents in the input: none has a label from {source}")
    return data
