import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def kb_fixtures() -> Path:
    return FIXTURES / "kb"


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Tests never read the developer's own GROUNDQA_* variables or write into their home."""
    for key in list(os.environ):
        if key.startswith("GROUNDQA_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("GROUNDQA_HOME", str(tmp_path / "home"))
