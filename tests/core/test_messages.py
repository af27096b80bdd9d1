"""The message catalog: what every problem says, in both languages."""

from __future__ import annotations

import re
import string
import unicodedata

import pytest

from baocao.messages import CATALOG

FIELDS = string.Formatter()


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in FIELDS.parse(template) if name}


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_both_languages_take_the_same_parameters(code: str) -> None:
    vietnamese, english = CATALOG[code]
    assert placeholders(vietnamese) == placeholders(english)


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_codes_and_nfc(code: str) -> None:
    assert re.fullmatch(r"[EW]\d{3}", code)
    assert all(unicodedata.is_normalized("NFC", text) for text in CATALOG[code])


INPUT_CODES = sorted(code for code in CATALOG if code[1] in "012")


@pytest.mark.parametrize("code", INPUT_CODES)
def test_input_messages_vietnamese_in_vietnamese_english_in_english(code: str) -> None:
    vietnamese, english = CATALOG[code]
    assert re.search(r"[À-ỹ]", vietnamese), "the Vietnamese text has no Vietnamese letter"
    assert not re.search(r"[À-ỹ]", english), "Vietnamese words in the English text"
