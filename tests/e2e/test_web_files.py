"""The API serves the built web app at /, and says how to build it when missing."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from api import app as app_module
from tests.e2e.service import WEB_APP


@pytest.mark.skipif(not WEB_APP.is_file(), reason="the web app is not built")
async def test_the_root_serves_the_web_app_beside_the_api(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/")
    health = await client.get("/health")

    assert page.status_code == 200
    assert '<div id="app">' in page.text
    assert health.json()["status"] == "ok"


@pytest.mark.skipif(not WEB_APP.is_file(), reason="the web app is not built")
async def test_the_web_apps_assets_are_served(client: httpx.AsyncClient) -> None:
    page = await client.get("/")
    script = page.text.split('src="', 1)[1].split('"', 1)[0]

    asset = await client.get(script)

    assert asset.status_code == 200
    assert "javascript" in asset.headers["content-type"]


async def test_without_a_build_the_root_says_how_to_build_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(app_module, "WEB_APP_DIRS", (tmp_path / "dist",))
    transport = httpx.ASGITransport(app=app_module.web_app())

    async with httpx.AsyncClient(transport=transport, base_url="http://sir.test") as c:
        response = await c.get("/")

    assert response.status_code == 503
    assert "npm run build" in response.text
