"""The `dossier` command as a user meets it: version, the data folder, a busy port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def dossier(*args: str, env: dict[str, str], cwd: Path, timeout: int = 180):
    return subprocess.run([sys.executable, "-m", "api.cli", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=timeout)


def embedded_env(tmp_path: Path) -> dict[str, str]:
    """No DATABASE_URL and no DOSSIER_DATA_DIR: the per-user data folder, under a temporary
    XDG_DATA_HOME so the test does not touch the real one."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DOSSIER_DATA_DIR")}
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg")
    env["PYTHONPATH"] = str(ROOT)
    return env


def test_version():
    result = dossier("--version", env=dict(os.environ), cwd=ROOT, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("dossier ") and result.stdout.split()[1][0].isdigit()


def test_every_directory_reaches_the_same_embedded_database(tmp_path):
    """A key made from one directory is listed from another: the data folder is per user,
    and every command says where it is."""
    env = embedded_env(tmp_path)
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    made = dossier("keys", "create", "--name", "from-here", "--scope", "read", env=env, cwd=here)
    assert made.returncode == 0, made.stderr
    data_dir = tmp_path / "xdg" / "dossier"
    assert str(data_dir) in made.stderr
    listed = dossier("keys", "list", env=env, cwd=there)
    assert listed.returncode == 0, listed.stderr
    assert "from-here" in listed.stdout
    assert str(data_dir) in listed.stderr
    assert not (here / ".dossier").exists() and not (there / ".dossier").exists()


def test_a_busy_port_is_one_clear_line(tmp_path):
    env = embedded_env(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = dossier("run", "--port", str(port), env=env, cwd=tmp_path, timeout=60)
    assert result.returncode != 0
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert "serving on" not in result.stderr + result.stdout
