"""Parsed rule files kept between processes are the files' YAML, and never a stale copy."""
from __future__ import annotations

import marshal

import yaml

from pipeline import rules
from pipeline.paths import RULES_DIR


def test_every_rule_file_kept_and_read_back_is_its_yaml(tmp_path):
    files = sorted(RULES_DIR.rglob("*.yml"))
    assert len(files) > 10
    for path in files:
        plain = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert rules.parsed(path, tmp_path) == plain  # parsed, then kept
        assert rules.parsed(path, tmp_path) == plain  # read back
    assert len(list(tmp_path.glob("*.marshal"))) == len(files)


def test_the_kept_copy_is_what_is_read_and_a_changed_file_is_parsed_again(tmp_path):
    path = tmp_path / "words.yml"
    path.write_text("words: [một, hai]\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert rules.parsed(path, cache) == {"words": ["một", "hai"]}
    [kept] = cache.glob("words-*.marshal")
    kept.write_bytes(marshal.dumps({"words": ["kept"]}))
    assert rules.parsed(path, cache) == {"words": ["kept"]}  # the copy is read, not the YAML
    path.write_text("words: [ba]\n", encoding="utf-8")
    assert rules.parsed(path, cache) == {"words": ["ba"]}  # new bytes, new digest: parsed


def test_a_broken_copy_or_an_unwritable_folder_is_no_error(tmp_path):
    path = tmp_path / "words.yml"
    path.write_text("words: [bốn]\nday: 2024-01-31\n", encoding="utf-8")  # a date: marshal cannot keep it
    cache = tmp_path / "cache"
    assert rules.parsed(path, cache)["words"] == ["bốn"]
    assert not list(cache.glob("*.marshal"))
    path.write_text("words: [năm]\n", encoding="utf-8")
    rules.parsed(path, cache)
    [kept] = cache.glob("words-*.marshal")
    kept.write_bytes(b"not marshal")
    assert rules.parsed(path, cache) == {"words": ["năm"]}
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    assert rules.parsed(path, blocked / "cache") == {"words": ["năm"]}  # a file where the folder would be


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("VN_FACTS_CACHE", str(tmp_path))
    assert rules.cache_dir() == tmp_path / "rules"
    monkeypatch.setenv("VN_FACTS_CACHE", "")
    assert rules.cache_dir() is None
