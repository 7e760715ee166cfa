import gc
import subprocess
import sys

import pytest

from core.runtime import GC_THRESHOLDS, tune_garbage_collector


@pytest.fixture
def collector_restored():
    thresholds = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_the_collector_leaves_loaded_objects_alone_and_collects_less_often(collector_restored):
    gc.unfreeze()
    tune_garbage_collector()
    assert gc.get_freeze_count() > 10_000  # Django and the app, out of the collector's way
    assert gc.get_threshold() == GC_THRESHOLDS


def test_the_wsgi_application_is_served_with_the_tuned_collector():
    script = "import gc, topoflicense.wsgi as w; print(gc.get_threshold(), callable(w.application))"
    env = {"DJANGO_SETTINGS_MODULE": "topoflicense.settings_test", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == f"{GC_THRESHOLDS} True"
