"""The formats by name: what each reads and writes, and how its files are named and served."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.bank.exporting import to_csv, to_json
from app.formats.apkg import write_apkg
from app.formats.csv_format import read_csv
from app.formats.gift import read_gift, write_gift
from app.formats.items import Exported, ReadResult
from app.formats.moodle_xml import read_moodle_xml, write_moodle_xml
from app.formats.sourced_json import read_json

Writer = Callable[[list[dict], dict[str, str]], Exported]


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str
    mimetype: str
    write: Writer
    read: Callable[[str], ReadResult] | None = None  # None: export only

    @property
    def binary(self) -> bool:
        return self.extension == "apkg"


def plain_writer(render: Callable[[list[dict]], str]) -> Writer:
    return lambda records, titles: Exported(render(records))


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("gift", "GIFT (Moodle)", "gift.txt", "text/plain", write_gift, read_gift),
        Format("moodle-xml", "Moodle XML", "xml", "application/xml", write_moodle_xml, read_moodle_xml),
        Format("csv", "CSV", "csv", "text/csv", plain_writer(to_csv), read_csv),
        Format("json", "Sourced JSON", "json", "application/json", plain_writer(to_json), read_json),
        Format("apkg", "Anki deck (.apkg)", "apkg", "application/octet-stream", write_apkg),
    )
}
IMPORT_FORMATS = [name for name, f in FORMATS.items() if f.read is not None]
EXPORT_FORMATS = list(FORMATS)
