"""A demo service in a subprocess and headless Chromium, for tests and screenshots.

The service runs `sir serve --demo` on its own data folder and a free port,
exactly as a person starts it; tokens come from `sir token`. Chromium is
Debian's `chromium`, driven by Playwright without a browser download of its
own.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from playwright.async_api import Browser, Page, Playwright, ViewportSize

from graph.embedded import free_port

ROOT = Path(__file__).resolve().parents[2]
WEB_APP = ROOT / "frontend" / "dist" / "index.html"
SIR = [sys.executable, "-m", "api.cli"]
CHROMIUM = os.environ.get("SIR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LAPTOP: ViewportSize = {"width": 1280, "height": 860}
PHONE: ViewportSize = {"width": 390, "height": 844}
START_BOUND_SECONDS = 120.0
STOP_BOUND_SECONDS = 30.0


class SetupError(Exception):
    """Raised when what the browser tests need is not there."""


def missing_prerequisite() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not WEB_APP.is_file():
        return (
            f"The web app is not built ({WEB_APP.relative_to(ROOT)} is missing): "
            "run ./scripts/setup.sh, or `cd frontend && npm ci && npm run build`."
        )
    if shutil.which(CHROMIUM) is None:
        return (
            f"Chromium is not at {CHROMIUM}: install Debian's `chromium` "
            "(`.ci/run` does) or set SIR_CHROMIUM."
        )
    return None


@dataclass
class DemoService:
    """A running `sir serve --demo` and how to reach it."""

    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[str] | None = None
    # More SIR_ settings of this service, e.g. {"SIR_SUMMARY_FROM": "1"}.
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """The base URL of the service."""
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        """The environment of the service and of `sir token` for it."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIR_")}
        env.update(SIR_DATA_DIR=str(self.data_dir), SIR_PORT=str(self.port))
        env.update(self.settings)
        return env

    def start(self) -> None:
        """Start the service and wait until it answers /ready."""
        self.process = subprocess.Popen(
            [*SIR, "serve", "--demo"],
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + START_BOUND_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read() if self.process.stdout else ""
                raise SetupError(f"sir serve --demo exited early:\n{output}")
            try:
                if httpx.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        self.stop()
        raise SetupError("sir serve --demo did not become ready in time.")

    def stop(self) -> None:
        """Stop the service as Ctrl-C would, and kill it if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=STOP_BOUND_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def token(
        self, role: str, *, org: str | None = None, partner: str | None = None
    ) -> str:
        """A bearer token from `sir token`, as a person would make one."""
        command = [*SIR, "token", "--role", role]
        if org:
            command += ["--org", org]
        if partner:
            command += ["--partner", partner]
        result = subprocess.run(
            command,
            cwd=ROOT,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            raise SetupError(f"sir token failed: {result.stderr.strip()}")
        # The token is the one line of three dot-separated parts.
        for line in result.stdout.split():
            if line.count(".") == 2:
                return line.strip()
        raise SetupError(f"sir token printed no token: {result.stdout!r}")

    def gql(self, token: str, document: str, **variables: Any) -> dict[str, Any]:
        """POST one GraphQL document with a token; the decoded body."""
        response = httpx.post(
            f"{self.url}/graphql",
            json={"query": document, "variables": variables},
            headers={"Authorization": f"Bearer {token}"},
            timeout=30,
        )
        body: dict[str, Any] = response.json()
        return body


async def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with no network of its own."""
    return await playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )


async def sign_in(page: Page, service: DemoService, token: str) -> None:
    """Open the app, sign in with a token and wait for the first view."""
    await page.goto(service.url + "/")
    await page.get_by_label("Access token").fill(token)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("button", name="Sign out").wait_for()
