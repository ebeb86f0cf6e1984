"""The local stack wires the development provider, the services and the web app together:
the services trust the provider wherever its port moves, and links open the web app."""

from __future__ import annotations

import pytest

from deploy.issuer.people import directory
from deploy.local import SIGN_IN_AS, LocalSettings, _all_names
from services.intake.settings import IntakeSettings
from services.notifications.settings import NotificationsSettings
from services.welfare_group.settings import WelfareGroupSettings
from shared.settings import ServiceSettings
from tests.support.directory import DEMO

SETTINGS: dict[str, type[ServiceSettings]] = {
    "intake": IntakeSettings,
    "welfare_group": WelfareGroupSettings,
    "notifications": NotificationsSettings,
}


@pytest.mark.parametrize("service", sorted(SETTINGS))
def test_each_service_trusts_the_provider_on_its_moved_port(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    local = LocalSettings(issuer_port=8411, web_http_port=8088)
    for name, value in local.service_env(service).items():
        monkeypatch.setenv(name, value)

    settings = SETTINGS[service]()

    assert settings.oidc_issuer == "http://127.0.0.1:8411"
    if isinstance(settings, NotificationsSettings):
        assert settings.app_base_url == "http://127.0.0.1:8088"  # /cases/{id}, /family


def test_the_web_app_signs_in_at_the_provider_and_calls_the_three_services() -> None:
    local = LocalSettings(
        issuer_port=8411,
        web_http_port=8088,
        intake_http_port=9001,
        welfare_group_http_port=9002,
        notifications_http_port=9003,
    )

    env = local.web_env()

    assert env["HTTP_PORT"] == "8088"
    assert env["PUBLIC_BASE_URL"] == "http://127.0.0.1:8088"
    assert env["OIDC_ISSUER"] == "http://127.0.0.1:8411"
    assert env["OIDC_CLIENT_ID"] == "opiskeluhuolto-web"
    assert env["OIDC_JWKS_URL"] == local.service_env("intake")["OIDC_JWKS_URL"]
    assert env["INTAKE_URL"] == "http://127.0.0.1:9001"
    assert env["WELFARE_GROUP_URL"] == "http://127.0.0.1:9002"
    assert env["NOTIFICATIONS_URL"] == "http://127.0.0.1:9003"
    assert env["MONGODB_DATABASE"] == "web"
    argv = local.issuer_argv()
    assert argv[argv.index("--issuer") + 1] == env["OIDC_ISSUER"]
    assert argv[argv.index("--redirect-uri") + 1] == "http://127.0.0.1:8088/auth/callback"


def test_the_ports_status_and_shutdown_include_the_provider_and_the_web_app() -> None:
    ports = LocalSettings(issuer_port=8400, web_http_port=8080).ports()
    assert ports["issuer"] == (8400, "ISSUER_PORT")
    assert ports["web"] == (8080, "WEB_HTTP_PORT")
    names = _all_names()
    # down stops in reverse: the web app before the services, the provider after them.
    assert names.index("web") > names.index("notifications") > names.index("issuer")


def test_the_people_the_summary_suggests_are_in_the_seed() -> None:
    assert {person for person, _ in SIGN_IN_AS} <= set(directory(DEMO))
