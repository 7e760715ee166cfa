"""The tracker's benchmark extra runs end to end (on a small scale here)."""

from actions import bench_extra
from actions.models import ActionItem
from bench.extras import LARGE_SCALE_SCHOOLS


def test_the_bench_extra_loads_items_exports_and_imports(personas, monkeypatch, settings):
    monkeypatch.setattr(bench_extra, "ITEMS_AT_SCALE", 40)
    monkeypatch.setattr(bench_extra, "IMPORT_ROWS", 25)
    monkeypatch.setattr("people.demo.DIRECTOR", personas.admin.email)
    before = ActionItem.objects.count()
    bench_extra.load_items(personas.district, LARGE_SCALE_SCHOOLS)
    assert ActionItem.objects.count() == before + 40
    figures = bench_extra.export_and_import(personas.district, LARGE_SCALE_SCHOOLS)
    assert [f["name"] for f in figures] == ["export CSV of 40 items", "export XLSX of 40 items", "import of 25 rows"]
    assert all(f["met"] for f in figures)
    assert ActionItem.objects.count() == before + 65


def test_the_bench_extra_does_nothing_at_the_default_scale(personas):
    before = ActionItem.objects.count()
    bench_extra.load_items(personas.district, 30)
    assert bench_extra.export_and_import(personas.district, 30) == []
    assert ActionItem.objects.count() == before
