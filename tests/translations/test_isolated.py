"""The editor's preview, save check and review page render in a worker under OS limits."""

from __future__ import annotations

import threading
import time

import pytest

from advocacy.translations import isolated
from advocacy.translations.sample import Sample
from tests.helpers import csrf_token, sign_in

SLOW = "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}"

HOSTILE = [
    "{{ '%999999999s' % 'x' }}",
    "{{ 'x'.center(1500000000) }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40 + "{{ a }}",
    "{% for a in range(10000) %}{% for b in range(10000) %}{% endfor %}{% endfor %}",
]


@pytest.fixture
def translator(app, people):
    client = app.test_client()
    assert sign_in(client, people["translator"]).status_code == 302
    return client


def preview(client, body: str):
    data = {"csrf_token": csrf_token(client), "subject": "Sujet", "body": body, "country": "FR"}
    return client.post("/translate/fr/sanctions/preview", data=data)


def test_the_web_process_does_not_render_the_preview(app, translator, monkeypatch):
    def refuse(self, template):
        raise AssertionError("rendered in the web process")

    monkeypatch.setattr(Sample, "render", refuse)  # the worker, a separate process, is not patched
    response = preview(translator, "Bonjour {{ country.name }}.")
    assert response.status_code == 200 and response.json["error"] is None
    assert "Bonjour France." in response.json["body"]


@pytest.mark.parametrize("body", HOSTILE)
def test_a_hostile_preview_is_an_error_and_the_app_still_answers(app, translator, body):
    response = preview(translator, body)
    assert response.status_code == 200 and response.json["error"]
    assert preview(translator, "Bonjour {{ country.name }}.").json["body"].startswith("Bonjour France.")


def test_a_worker_stopped_by_its_limits_is_a_finding_not_a_hang(app, translator, monkeypatch):
    monkeypatch.setitem(isolated.POOL, "timeout", 0.3)  # a separate pool with a short wall clock
    slow = SLOW
    response = preview(translator, slow)
    assert response.json["error"] and "too long" in response.json["error"]
    data = {"csrf_token": csrf_token(translator), "subject": "Sujet", "body": slow, "country": "FR"}
    saved = translator.post("/translate/fr/sanctions", data={**data, "action": "save"})
    assert saved.status_code == 422 and "took too long to render" in saved.get_data(as_text=True)


def test_check_messages_come_back_translatable():
    message = isolated.Message("The translation fails to render: %(error)s", error="x")
    assert message == "The translation fails to render: x"
    french = {"The translation fails to render: %(error)s": "La traduction échoue : %(error)s"}
    assert isolated._translated(message, lambda msgid, **v: french[msgid] % v) == "La traduction échoue : x"


def test_other_requests_are_answered_while_a_hostile_preview_renders(app, people):
    """A preview that runs to its limits (the sandbox's 2 s) holds neither the web process nor the pool."""
    hostile_client, ordinary_client = app.test_client(), app.test_client()
    for client in (hostile_client, ordinary_client):
        assert sign_in(client, people["translator"]).status_code == 302
    # Both workers started first (they start lazily), so what follows measures no start-up.
    warm = [threading.Thread(target=preview, args=(c, "Bonjour.")) for c in (hostile_client, ordinary_client)]
    for thread in warm:
        thread.start()
    for thread in warm:
        thread.join(120)
    finished = threading.Event()
    answers = {}

    def hostile() -> None:
        answers["hostile"] = preview(hostile_client, SLOW)
        finished.set()

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.2)  # let the hostile preview reach its worker (not a measurement)
    page = app.test_client().get("/en/countries/FR")
    ordinary = preview(ordinary_client, "Bonjour {{ country.name }}.")
    still_rendering = not finished.is_set()
    thread.join(60)
    assert page.status_code == 200 and b"France" in page.data
    assert ordinary.json["body"].startswith("Bonjour France.")
    assert still_rendering, "the other requests were answered only after the hostile preview"
    assert answers["hostile"].json["error"]
