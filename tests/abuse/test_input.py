"""
Odd input to the try-its: deep JSON, lone surrogates, non-finite numbers,
Unicode, sizes at and past every bound. Refused with a 400 and a message that
says which bound, or stored as the lesson says; the session kept either way.
"""

import json
import secrets

import pytest
from django.urls import reverse

from sessions_demo.lab.limits import MAX_SESSION_BYTES, MAX_SESSION_KEYS
from sessions_demo.lessons.forms import MAX_VALUE_BYTES, MAX_VALUE_DEPTH
from tests.helpers import panel_json, parse, set_item

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    """Return a JSON list nested depth levels deep: [[[...]]]."""
    return "[" * depth + "]" * depth


def refusal(response) -> str:
    """Return the text of a lesson page's try-it box."""
    return parse(response).select_one(".try-it").get_text(" ", strip=True)


def keeps(visitor, data: dict) -> None:
    """Assert the visitor's session holds exactly data."""
    assert panel_json(visitor)["data"] == data


class TestDeepJson:
    @pytest.mark.parametrize("depth", [MAX_VALUE_DEPTH + 1, 460, 1024])
    def test_too_deep_is_refused_at_once(self, visitor, depth):
        """A value nested past the bound gets a 400 naming it; the session is kept."""
        set_item(visitor, "keep", "me")
        response = set_item(visitor, "deep", nested(depth))
        assert response.status_code == 400
        assert f"nests {depth} levels deep" in refusal(response)
        assert f"limit here is {MAX_VALUE_DEPTH}" in refusal(response)
        assert "sessionid" not in response.cookies
        keeps(visitor, {"keep": "me"})

    def test_at_the_bound_is_stored(self, visitor):
        """A value nested exactly to the bound is stored as JSON."""
        assert set_item(visitor, "deep", nested(MAX_VALUE_DEPTH)).status_code == 302
        value = panel_json(visitor)["data"]["deep"]
        assert json.dumps(value) == nested(MAX_VALUE_DEPTH)

    def test_deep_object_in_update_is_refused(self, visitor):
        """update() with a deep object inside its mapping: a 400, nothing stored."""
        deep = '{"a": ' + '{"b": ' * 30 + "1" + "}" * 30 + "}"
        response = visitor.post(reverse("update"), {"values": deep})
        assert response.status_code == 400
        assert "nests 31 levels deep" in refusal(response)
        keeps(visitor, {})

    def test_brackets_inside_strings_do_not_count(self, visitor):
        """Brackets inside a JSON string are text: the value is stored."""
        value = json.dumps(["[" * 500])
        assert set_item(visitor, "text", value).status_code == 302
        assert panel_json(visitor)["data"]["text"] == ["[" * 500]

    def test_unbalanced_brackets_are_plain_text(self, visitor):
        """1500 "[" are not JSON at all: stored as the text they are."""
        assert set_item(visitor, "text", "[" * 1500).status_code == 302
        assert panel_json(visitor)["data"]["text"] == "[" * 1500


class TestLoneSurrogates:
    @pytest.mark.parametrize(
        ("url_name", "data"),
        [
            ("setitem", {"key": "x", "value": '"\\ud800"'}),
            ("setitem", {"key": "x", "value": '["ok", {"deep": "\\udfff"}]'}),
            ("setdefault", {"key": "x", "value": '"a\\ud800b"'}),
            ("update", {"values": '{"\\ud800": 1}'}),
            ("engine_db", {"key": "x", "value": '"\\ud800"'}),
        ],
    )
    def test_refused_at_input(self, visitor, url_name, data):
        """Half a UTF-16 pair, as a key or anywhere in a value: a 400 that says so."""
        set_item(visitor, "keep", "me")
        response = visitor.post(reverse(url_name), data)
        assert response.status_code == 400
        assert "lone surrogate" in refusal(response)
        keeps(visitor, {"keep": "me"})
        assert visitor.get(reverse("lab")).status_code == 200

    def test_a_whole_pair_is_a_character(self, visitor):
        """A surrogate pair is one character (an emoji): stored, and shown."""
        assert set_item(visitor, "smile", '"\\ud83d\\ude00"').status_code == 302
        assert panel_json(visitor)["data"]["smile"] == "😀"
        assert "😀" in parse(visitor.get(reverse("setitem"))).select_one(".panel").text


class TestNumbers:
    @pytest.mark.parametrize(
        "text", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity", "[1e999]"]
    )
    def test_non_finite_numbers_are_text(self, visitor, text):
        """What JSON.parse could not read back is stored as the text typed."""
        assert set_item(visitor, "n", text).status_code == 302
        assert panel_json(visitor)["data"]["n"] == text
        assert b"Infinity" not in visitor.get(reverse("panel")).content.replace(
            text.encode(), b""
        )

    def test_huge_integer_is_an_integer(self, visitor):
        """An integer of 2000 digits is JSON: stored as a number, shown, no 500."""
        digits = "9" * 2000
        assert set_item(visitor, "n", digits).status_code == 302
        assert panel_json(visitor)["data"]["n"] == int(digits)


class TestUnicodeAndMarkup:
    @pytest.mark.parametrize(
        "value",
        [
            "\x01\x1b[31m\x7f",
            "line\r\nSet-Cookie: evil=1",
            "</script><script>alert(1)</script>",
            "\u202egnp.exe",
            "e\u0301" * 200,
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢" * 20,
        ],
    )
    def test_stored_and_shown_escaped(self, visitor, value):
        """Control characters, markup, bidi and astral text: stored, pages draw them."""
        assert set_item(visitor, "odd", value).status_code == 302
        assert panel_json(visitor)["data"]["odd"] == value
        page = visitor.get(reverse("setitem"))
        assert b"<script>alert(1)</script>" not in page.content
        assert visitor.get(reverse("lab")).status_code == 200

    def test_null_character_is_refused(self, visitor):
        """A NUL character: Django's own form check answers 400, nothing stored."""
        response = set_item(visitor, "odd", "a\x00b")
        assert response.status_code == 400
        assert "Null characters are not allowed" in refusal(response)
        keeps(visitor, {})

    def test_odd_keys(self, visitor):
        """A key of 100 astral characters, or of spaces, is a key like any other."""
        for key in ("🔑" * 100, "   ", "key with\ttab"):
            assert set_item(visitor, key, "v").status_code == 302
        assert set(panel_json(visitor)["data"]) == {"🔑" * 100, "   ", "key with\ttab"}


class TestSizes:
    def test_longest_value_fits_the_result_cookie(self, visitor, settings):
        """A 2048-character value: stored, and its result shown, even with DEBUG on."""
        settings.DEBUG = True  # where Django raises for messages that do not fit
        # As JSON, text takes its two quotes too.
        value = secrets.token_urlsafe(MAX_VALUE_BYTES)[: MAX_VALUE_BYTES - 2]
        response = set_item(visitor, "k", value)
        assert response.status_code == 302
        assert visitor.cookies["messages"].value
        assert "request.session['k']" in parse(visitor.get(response.url)).text
        assert panel_json(visitor)["data"]["k"] == value

    def test_posts_without_a_page_between_them(self, visitor, settings):
        """Ten long POSTs in a row, none read: each answered, the last one shown."""
        settings.DEBUG = True
        for number in range(10):
            value = secrets.token_urlsafe(2000)[:2000]
            assert set_item(visitor, f"k{number % 2}", value).status_code == 302
        page = parse(visitor.get(reverse("setitem")))
        assert "request.session['k1']" in page.select_one(".outcome").text
        assert panel_json(visitor)["data"]["k1"] == value

    def test_one_key_too_many(self, visitor):
        """The key past MAX_SESSION_KEYS is refused with a 400; the others stay."""
        values = {f"k{n}": n for n in range(MAX_SESSION_KEYS)}
        assert visitor.post(reverse("update"), {"values": json.dumps(values)})
        response = set_item(visitor, "one_more", "x")
        assert response.status_code == 400
        assert f"the limit here is {MAX_SESSION_KEYS}" in refusal(response)
        keeps(visitor, values)

    def test_too_many_keys_at_once(self, visitor):
        """update() with 60 keys at once: a 400, and none of them stored."""
        values = json.dumps({f"k{n}": n for n in range(60)})
        response = visitor.post(reverse("update"), {"values": values})
        assert response.status_code == 400
        assert "60 keys" in refusal(response)
        keeps(visitor, {})

    def test_one_byte_too_many(self, visitor):
        """A value that takes the session past MAX_SESSION_BYTES: a 400, all kept."""
        big = "x" * 1900
        set_item(visitor, "a", big)
        set_item(visitor, "b", big)
        response = set_item(visitor, "c", big)
        assert response.status_code == 400
        assert f"the limit here is {MAX_SESSION_BYTES}" in refusal(response)
        keeps(visitor, {"a": big, "b": big})

    def test_a_full_session_can_always_shrink(self, visitor):
        """At the byte bound, deleting and overwriting with less still work."""
        big = "x" * 1900
        set_item(visitor, "a", big)
        set_item(visitor, "b", big)
        assert set_item(visitor, "b", "small").status_code == 302
        assert visitor.post(reverse("delitem"), {"key": "a"}).status_code == 302
        keeps(visitor, {"b": "small"})

    def test_request_body_too_big(self, visitor):
        """A 3 MB form: Django's own bound answers 400, the session is untouched."""
        set_item(visitor, "keep", "me")
        response = visitor.post(
            reverse("setitem"), {"key": "k", "value": "v" * 3_000_000}
        )
        assert response.status_code == 400
        keeps(visitor, {"keep": "me"})

    def test_too_many_fields(self, visitor):
        """2000 form fields: Django's own bound answers 400."""
        fields = {f"f{n}": "x" for n in range(2000)}
        response = visitor.post(
            reverse("setitem"), {**fields, "key": "k", "value": "v"}
        )
        assert response.status_code == 400
        keeps(visitor, {})
