"""Topic profiles: the built-in one, user extensions, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmon.config import ConfigError, parse_config
from newsmon.relevance import Classifier, ProfileError, load_profiles


def test_builtin_profile_covers_the_labs_and_languages() -> None:
    (profile,) = load_profiles(["builtin:ai-lab-staffing"])
    for lab in ("OpenAI", "Anthropic", "Google DeepMind", "Meta", "xAI", "Mistral AI",
                "Microsoft", "Safe Superintelligence", "Thinking Machines Lab"):
        assert lab in profile.organisations
    assert {"en", "fr", "de"} <= set(profile.predicates)
    assert set(profile.predicates["de"].values()) >= {"joins", "leaves", "hired", "promoted",
                                                        "fired", "founds"}


def test_a_user_profile_with_the_same_name_extends_the_builtin(tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('name = "ai-lab-staffing"\n[organisations."Lumen Labs"]\n'
                     'aliases = ["Lumen Labs"]\nlab = true\n[people]\n"Zora Quill" = ["Quill"]\n')
    (profile,) = load_profiles(["builtin:ai-lab-staffing", str(extra)])
    assert "Lumen Labs" in profile.organisations and "OpenAI" in profile.organisations
    text = "Zora Quill joins Lumen Labs as chief scientist, the start-up said on Monday."
    before = Classifier(load_profiles(["builtin:ai-lab-staffing"])).classify(None, text, "en")
    after = Classifier([profile]).classify(None, text, "en")
    assert not before.relevant  # Lumen Labs is nobody's AI lab until the user says so
    assert after.relevant and after.moves[0].to == "Lumen Labs"


def test_a_profile_with_another_name_is_another_topic(tmp_path: Path) -> None:
    other = tmp_path / "chips.toml"
    other.write_text('name = "chip-staffing"\n[organisations.TSMC]\naliases = ["TSMC"]\n'
                     'lab = true\n[predicates.en]\njoin = "joins"\n')
    profiles = load_profiles(["builtin:ai-lab-staffing", str(other)])
    assert [p.name for p in profiles] == ["ai-lab-staffing", "chip-staffing"]
    r = Classifier(profiles).classify("Priya Raman joins TSMC as head of packaging", "", "en")
    assert r.relevant and r.topic == "chip-staffing"


@pytest.mark.parametrize(("text", "message"), [
    ('name = "x"\n[predicates.en]\njoin = "arrives"\n', "action must be one of"),
    ('[people]\n"A B" = []\n', "needs a name"),
    ('name = "x"\nunknown = 1\n', "unknown key"),
    ('name = "x"\n[organisations.A]\naliases = "A"\n', "expected a list of names"),
])
def test_profile_mistakes_are_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(text)
    with pytest.raises(ProfileError, match=message) as info:
        load_profiles([str(path)])
    assert str(path) in str(info.value)


def test_config_reports_a_bad_profile_path(tmp_path: Path) -> None:
    cfg = tmp_path / "newsmon.toml"
    cfg.write_text('[relevance]\nprofiles = ["builtin:ai-lab-staffing", "missing.toml"]\n')
    with pytest.raises(ConfigError) as info:
        parse_config(cfg.read_text(), str(cfg))
    assert "missing.toml" in str(info.value) and "line 2" in str(info.value)


def test_relative_profile_paths_are_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "topics").mkdir()
    (tmp_path / "topics" / "t.toml").write_text('name = "t"\n')
    cfg = tmp_path / "newsmon.toml"
    cfg.write_text('[relevance]\nprofiles = ["topics/t.toml"]\nmin_score = 0.8\n')
    config = parse_config(cfg.read_text(), str(cfg))
    assert config.relevance.profiles == ("topics/t.toml",) and config.relevance.min_score == 0.8
