import pytest

from service.datafiles import read_data
from service.errors import ConfigError


def test_a_packaged_file_is_parsed() -> None:
    raw = read_data("data/harm.yaml")
    assert isinstance(raw, dict) and "pressure" in raw


def test_a_missing_file_is_a_config_error_naming_it() -> None:
    with pytest.raises(ConfigError, match=r"cannot read data/nope\.yaml"):
        read_data("data/nope.yaml")
