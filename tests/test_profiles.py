"""Brand profile files: the packaged examples load, anything invalid fails start-up with a clear message,
and a profile turns a request into the one the chain runs on."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.api.main import create_app
from service.engine import build_deps
from service.errors import ProfileError
from service.llm import FakeGenerator
from service.profiles import DEFAULT_PROFILES_DIR, load_profiles
from service.schemas import Person, RewriteRequest
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[1]

GOOD = """\
name: shop
version: 2
tone: concise
greeting: friendly
signature: Shop Team
channel: email
locale: en
policy: [Orders ship within 2 working days.]
banned_phrases: [no worries]
pressure_phrases: [act now]
"""


def _dir(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "profiles"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_the_packaged_examples_load_from_the_source_folder() -> None:
    assert DEFAULT_PROFILES_DIR.resolve() == (ROOT / "profiles").resolve()
    profiles = load_profiles(None)
    assert list(profiles) == ["bank-zh", "retail-en"]
    bank, retail = profiles["bank-zh"], profiles["retail-en"]
    assert bank.locale == "zh" and bank.greeting == "formal" and bank.signature == "星河银行信用卡中心"
    assert retail.locale == "en" and retail.channel == "email" and retail.pressure_phrases
    assert bank.id == "bank-zh@1" and profiles.default is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD + "colour: blue\n", "colour: Extra inputs are not permitted"),
        (GOOD.replace("tone: concise", "tone: shouty"), "tone: Input should be 'warm', 'formal' or 'concise'"),
        (GOOD.replace("greeting: friendly", "greeting: loud"), "greeting: Input should be"),
        (GOOD.replace("channel: email", "channel: fax"), "channel: Input should be"),
        (GOOD.replace("version: 2", "version: 0"), "version: Input should be greater than or equal to 1"),
        (GOOD.replace("name: shop", "name: other"), "must equal the file name 'shop'"),
        (GOOD.replace("[act now]", "[act now, act now]"), "pressure_phrases: Value error, an entry is listed twice"),
        (GOOD.replace("[no worries]", "['']"), "banned_phrases: Value error, every entry must be a non-empty"),
        ("- just\n- a list\n", "a profile file must be a mapping"),
        ("name: [unclosed\n", "cannot read profile file"),
        (GOOD.replace("version: 2\n", ""), "version: Field required"),
    ],
)
def test_an_invalid_profile_fails_with_the_file_and_the_reason(tmp_path: Path, text: str, message: str) -> None:
    folder = _dir(tmp_path, shop=text)
    with pytest.raises(ProfileError) as info:
        load_profiles(folder)
    assert str(folder / "shop.yaml") in str(info.value) and message in str(info.value)


def test_a_setting_naming_an_unknown_profile_stops_the_start(tmp_path: Path) -> None:
    folder = _dir(tmp_path, shop=GOOD)
    with pytest.raises(ProfileError, match=r"TACTFUL_DEFAULT_PROFILE names 'bank'.*known: shop"):
        build_deps(Settings(home=tmp_path, profiles_dir=folder, default_profile="bank"), FakeGenerator())
    keys = {"helpdesk": {"key": "tk-helpdesk-0123456789abcdef", "profile": "bank"}}
    settings = Settings(model="openai/m", home=tmp_path, profiles_dir=folder, api_keys=keys)  # type: ignore[arg-type]
    with pytest.raises(ProfileError, match="key 'helpdesk' names the profile 'bank'"):
        build_deps(settings, FakeGenerator())
    with pytest.raises(ProfileError), TestClient(create_app(settings, generate=FakeGenerator())):
        pass  # the app's start-up fails too
    with pytest.raises(ProfileError, match="does not exist"):
        load_profiles(tmp_path / "missing")


def test_apply_merges_facts_and_fills_what_the_request_left_open(tmp_path: Path) -> None:
    shop = load_profiles(_dir(tmp_path, shop=GOOD))["shop"]
    bare = RewriteRequest(draft="It ships soon.", customer_message="Where is my order?",
                          policy=["Refunds take 5 days.", "Orders ship within 2 working days."])  # fmt: skip
    applied = shop.apply(bare)
    assert applied.policy == ["Orders ship within 2 working days.", "Refunds take 5 days."]
    assert applied.channel == "email" and applied.locale == "en"
    assert applied.agent is not None and applied.agent.signature == "Shop Team"
    assert applied.options.tone == "concise" and applied.options.greeting == "friendly"
    own = RewriteRequest.model_validate({
        "draft": "It ships soon.", "customer_message": "Where is my order?", "channel": "chat", "locale": "zh",
        "agent": {"name": "Ana", "signature": "Ana, Support"}, "options": {"tone": "warm", "greeting": "none"},
    })  # fmt: skip
    kept = shop.apply(own)
    assert (kept.channel, kept.locale, kept.options.tone, kept.options.greeting) == ("chat", "zh", "warm", "none")
    assert kept.agent is not None and kept.agent.signature == "Ana, Support"
    named = shop.apply(bare.model_copy(update={"agent": Person(name="Ana")}))
    assert named.agent is not None and (named.agent.name, named.agent.signature) == ("Ana", "Shop Team")
    assert shop.phrases() == (("stock", "no worries"), ("pressure", "act now"))
