from pathlib import Path

import pytest

from grounding.settings import load_settings
from knowledge.errors import InputError


def test_precedence_flags_over_env_over_toml(tmp_path, monkeypatch):
    config = tmp_path / "groundqa.toml"
    config.write_text("top_k = 3\nhops = 1\nrrf_k = 30\n")
    monkeypatch.setenv("GROUNDQA_HOPS", "3")
    settings = load_settings(config, rrf_k=10, top_k=None)
    assert settings.top_k == 3  # from the file: the unset flag falls through
    assert settings.hops == 3  # environment beats the file
    assert settings.rrf_k == 10  # the flag beats both


def test_config_from_environment_variable(tmp_path, monkeypatch):
    config = tmp_path / "c.toml"
    config.write_text('embedding_model = "/models/mine"\n')
    monkeypatch.setenv("GROUNDQA_CONFIG", str(config))
    assert load_settings().embedding_model == "/models/mine"


def test_demo_kb_lives_in_home_unless_kb_given(tmp_path):
    settings = load_settings(home=tmp_path)
    assert settings.uses_demo_kb and settings.kb_dir == tmp_path / "demo-kb"
    other = load_settings(kb=tmp_path / "mine")
    assert not other.uses_demo_kb and other.kb_dir == tmp_path / "mine"


def test_bad_values_name_the_field(monkeypatch):
    monkeypatch.setenv("GROUNDQA_TOP_K", "many")
    with pytest.raises(InputError, match="top_k"):
        load_settings()


def test_bad_toml_names_the_file(tmp_path):
    config = tmp_path / "broken.toml"
    config.write_text("top_k = = 3")
    with pytest.raises(InputError, match="broken.toml"):
        load_settings(config)
    with pytest.raises(InputError, match="not found"):
        load_settings(Path(tmp_path / "missing.toml"))
